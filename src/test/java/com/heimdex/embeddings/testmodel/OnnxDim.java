package com.heimdex.embeddings.testmodel;

/**
 * One dimension of a graph input or output: a fixed size or a symbolic name such as {@code N}.
 *
 * @param value the size when fixed, -1 when symbolic
 * @param symbol the name when symbolic, null when fixed
 */
public record OnnxDim(long value, String symbol) {

	public static OnnxDim of(long value) {
		return new OnnxDim(value, null);
	}

	public static OnnxDim symbolic(String symbol) {
		return new OnnxDim(-1, symbol);
	}

	ProtoMessage toProto() {
		// TensorShapeProto.Dimension: dim_value = 1, dim_param = 2
		return (symbol != null) ? new ProtoMessage().string(2, symbol) : new ProtoMessage().varint(1, value);
	}

}

package com.heimdex.embeddings.testmodel;

/**
 * A constant tensor: a graph initializer, or the value of a {@code Constant} node.
 *
 * @param name the name nodes refer to it by (may be empty for an attribute value)
 * @param type the element type
 * @param dims the shape, row-major
 * @param data the raw little-endian bytes
 */
public record OnnxTensor(String name, OnnxDataType type, long[] dims, TensorData data) {

	public static OnnxTensor floats(String name, long[] dims, float[] values) {
		return new OnnxTensor(name, OnnxDataType.FLOAT, dims, TensorData.ofFloats(values));
	}

	public static OnnxTensor longs(String name, long[] dims, long[] values) {
		return new OnnxTensor(name, OnnxDataType.INT64, dims, TensorData.ofLongs(values));
	}

	ProtoMessage toProto() {
		// TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9
		ProtoMessage tensor = new ProtoMessage();
		for (long dim : dims) {
			tensor.varint(1, dim);
		}
		tensor.varint(2, type.code());
		if (name != null && !name.isEmpty()) {
			tensor.string(8, name);
		}
		return tensor.bytes(9, data);
	}

}

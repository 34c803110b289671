package com.heimdex.embeddings.testmodel;

/** ONNX {@code TensorProto.DataType} values a generated model uses. */
public enum OnnxDataType {

	FLOAT(1), UINT8(2), INT8(3), INT32(6), INT64(7), BOOL(9), FLOAT16(10), DOUBLE(11);

	private final int code;

	OnnxDataType(int code) {
		this.code = code;
	}

	/** The number {@code onnx.proto} gives this type. */
	public int code() {
		return code;
	}

}

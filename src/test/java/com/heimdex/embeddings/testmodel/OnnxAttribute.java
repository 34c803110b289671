package com.heimdex.embeddings.testmodel;

/** A node attribute ({@code AttributeProto}), e.g. {@code kernel_shape} or {@code axis}. */
public final class OnnxAttribute {

	// AttributeProto: name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8, type = 20
	private static final int FLOAT = 1;

	private static final int INT = 2;

	private static final int STRING = 3;

	private static final int TENSOR = 4;

	private static final int FLOATS = 6;

	private static final int INTS = 7;

	private final ProtoMessage proto;

	private OnnxAttribute(String name, int type) {
		this.proto = new ProtoMessage().string(1, name).varint(20, type);
	}

	public static OnnxAttribute of(String name, long value) {
		OnnxAttribute attribute = new OnnxAttribute(name, INT);
		attribute.proto.varint(3, value);
		return attribute;
	}

	public static OnnxAttribute of(String name, float value) {
		OnnxAttribute attribute = new OnnxAttribute(name, FLOAT);
		attribute.proto.float32(2, value);
		return attribute;
	}

	public static OnnxAttribute of(String name, String value) {
		OnnxAttribute attribute = new OnnxAttribute(name, STRING);
		attribute.proto.string(4, value);
		return attribute;
	}

	public static OnnxAttribute of(String name, OnnxTensor value) {
		OnnxAttribute attribute = new OnnxAttribute(name, TENSOR);
		attribute.proto.message(5, value.toProto());
		return attribute;
	}

	public static OnnxAttribute ints(String name, long... values) {
		OnnxAttribute attribute = new OnnxAttribute(name, INTS);
		for (long value : values) {
			attribute.proto.varint(8, value);
		}
		return attribute;
	}

	public static OnnxAttribute floats(String name, float... values) {
		OnnxAttribute attribute = new OnnxAttribute(name, FLOATS);
		for (float value : values) {
			attribute.proto.float32(7, value);
		}
		return attribute;
	}

	ProtoMessage toProto() {
		return proto;
	}

}

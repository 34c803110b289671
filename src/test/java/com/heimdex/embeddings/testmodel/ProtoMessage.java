package com.heimdex.embeddings.testmodel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A protobuf message under construction, serialised by streaming: nested messages and large
 * tensor payloads are written straight to the output without being copied into byte arrays, so
 * models of hundreds of megabytes can be written with little heap.
 */
final class ProtoMessage {

	private static final int VARINT = 0;

	private static final int FIXED32 = 5;

	private static final int LENGTH_DELIMITED = 2;

	private final List<Field> fields = new ArrayList<>();

	private long cachedSize = -1;

	ProtoMessage varint(int number, long value) {
		return add(new VarintField(number, value));
	}

	ProtoMessage float32(int number, float value) {
		return add(new Fixed32Field(number, Float.floatToRawIntBits(value)));
	}

	ProtoMessage string(int number, String value) {
		return bytes(number, value.getBytes(StandardCharsets.UTF_8));
	}

	ProtoMessage bytes(int number, byte[] value) {
		return add(new BytesField(number, TensorData.ofBytes(value)));
	}

	ProtoMessage bytes(int number, TensorData value) {
		return add(new BytesField(number, value));
	}

	ProtoMessage message(int number, ProtoMessage value) {
		return add(new MessageField(number, value));
	}

	long serializedSize() {
		if (cachedSize < 0) {
			long size = 0;
			for (Field field : fields) {
				size += field.size();
			}
			cachedSize = size;
		}
		return cachedSize;
	}

	void writeTo(OutputStream out) throws IOException {
		for (Field field : fields) {
			field.write(out);
		}
	}

	private ProtoMessage add(Field field) {
		fields.add(field);
		cachedSize = -1;
		return this;
	}

	static int varintSize(long value) {
		int size = 1;
		while ((value & ~0x7FL) != 0) {
			value >>>= 7;
			size++;
		}
		return size;
	}

	static void writeVarint(OutputStream out, long value) throws IOException {
		while ((value & ~0x7FL) != 0) {
			out.write((int) ((value & 0x7F) | 0x80));
			value >>>= 7;
		}
		out.write((int) value);
	}

	private static long tag(int number, int wireType) {
		return ((long) number << 3) | wireType;
	}

	private interface Field {

		long size();

		void write(OutputStream out) throws IOException;

	}

	private record VarintField(int number, long value) implements Field {

		public long size() {
			return varintSize(tag(number, VARINT)) + varintSize(value);
		}

		public void write(OutputStream out) throws IOException {
			writeVarint(out, tag(number, VARINT));
			writeVarint(out, value);
		}

	}

	private record Fixed32Field(int number, int bits) implements Field {

		public long size() {
			return varintSize(tag(number, FIXED32)) + 4;
		}

		public void write(OutputStream out) throws IOException {
			writeVarint(out, tag(number, FIXED32));
			out.write(bits);
			out.write(bits >>> 8);
			out.write(bits >>> 16);
			out.write(bits >>> 24);
		}

	}

	private record BytesField(int number, TensorData value) implements Field {

		public long size() {
			long length = value.byteLength();
			return varintSize(tag(number, LENGTH_DELIMITED)) + varintSize(length) + length;
		}

		public void write(OutputStream out) throws IOException {
			writeVarint(out, tag(number, LENGTH_DELIMITED));
			writeVarint(out, value.byteLength());
			value.writeTo(out);
		}

	}

	private record MessageField(int number, ProtoMessage value) implements Field {

		public long size() {
			long length = value.serializedSize();
			return varintSize(tag(number, LENGTH_DELIMITED)) + varintSize(length) + length;
		}

		public void write(OutputStream out) throws IOException {
			writeVarint(out, tag(number, LENGTH_DELIMITED));
			writeVarint(out, value.serializedSize());
			value.writeTo(out);
		}

	}

}

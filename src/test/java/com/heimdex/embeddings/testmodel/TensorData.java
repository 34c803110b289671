package com.heimdex.embeddings.testmodel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The raw bytes of a tensor (ONNX {@code raw_data}: little-endian, row-major), written on demand.
 * Implementations may generate their values while writing, so a model's weights never need to be
 * held in memory all at once.
 */
public interface TensorData {

	/** Number of bytes {@link #writeTo} writes. */
	long byteLength();

	/** Writes exactly {@link #byteLength()} bytes; may be called more than once, same bytes each time. */
	void writeTo(OutputStream out) throws IOException;

	static TensorData ofBytes(byte[] values) {
		return new TensorData() {

			public long byteLength() {
				return values.length;
			}

			public void writeTo(OutputStream out) throws IOException {
				out.write(values);
			}

		};
	}

	static TensorData ofFloats(float[] values) {
		return new TensorData() {

			public long byteLength() {
				return 4L * values.length;
			}

			public void writeTo(OutputStream out) throws IOException {
				ByteBuffer chunk = littleEndianChunk();
				for (float value : values) {
					if (chunk.remaining() < 4) {
						flush(chunk, out);
					}
					chunk.putFloat(value);
				}
				flush(chunk, out);
			}

		};
	}

	static TensorData ofLongs(long[] values) {
		return new TensorData() {

			public long byteLength() {
				return 8L * values.length;
			}

			public void writeTo(OutputStream out) throws IOException {
				ByteBuffer chunk = littleEndianChunk();
				for (long value : values) {
					if (chunk.remaining() < 8) {
						flush(chunk, out);
					}
					chunk.putLong(value);
				}
				flush(chunk, out);
			}

		};
	}

	/**
	 * {@code count} float32 values drawn uniformly from [-bound, bound) by a generator seeded with
	 * {@code seed}: the same seed always gives the same values, and nothing is kept in memory.
	 */
	static TensorData seededUniform(long count, long seed, float bound) {
		return new TensorData() {

			public long byteLength() {
				return 4L * count;
			}

			public void writeTo(OutputStream out) throws IOException {
				SplittableRandom random = new SplittableRandom(seed);
				ByteBuffer chunk = littleEndianChunk();
				for (long i = 0; i < count; i++) {
					if (chunk.remaining() < 4) {
						flush(chunk, out);
					}
					chunk.putFloat((float) ((random.nextDouble() * 2 - 1) * bound));
				}
				flush(chunk, out);
			}

		};
	}

	/**
	 * {@code count} 8-bit values drawn uniformly from [{@code min}, {@code max}] by a generator
	 * seeded with {@code seed}, as quantisation stores weights; the bytes are the values' two's
	 * complement (int8) or unsigned (uint8) form. Nothing is kept in memory.
	 */
	static TensorData seededBytes(long count, long seed, int min, int max) {
		return new TensorData() {

			public long byteLength() {
				return count;
			}

			public void writeTo(OutputStream out) throws IOException {
				SplittableRandom random = new SplittableRandom(seed);
				ByteBuffer chunk = littleEndianChunk();
				for (long i = 0; i < count; i++) {
					if (!chunk.hasRemaining()) {
						flush(chunk, out);
					}
					chunk.put((byte) random.nextInt(min, max + 1));
				}
				flush(chunk, out);
			}

		};
	}

	private static ByteBuffer littleEndianChunk() {
		return ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static void flush(ByteBuffer chunk, OutputStream out) throws IOException {
		out.write(chunk.array(), 0, chunk.position());
		chunk.clear();
	}

}

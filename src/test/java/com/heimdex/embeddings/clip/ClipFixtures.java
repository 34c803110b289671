package com.heimdex.embeddings.clip;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPInputStream;

import javax.imageio.ImageIO;

/**
 * Test images and the golden tensors {@code src/test/python/make_clip_goldens.py} computed from
 * them with Pillow (see the README beside the fixtures).
 */
final class ClipFixtures {

	/** One 8-bit level after normalisation, per channel: 1 / 255 / std. */
	static final float[] ONE_LEVEL = { 1f / 255 / 0.26862954f, 1f / 255 / 0.26130258f,
			1f / 255 / 0.27577711f };

	private ClipFixtures() {
	}

	static BufferedImage image(String name) {
		try (InputStream in = open(name)) {
			BufferedImage image = ImageIO.read(in);
			if (image == null) {
				throw new IllegalStateException("no decoder for " + name);
			}
			return image;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The golden CHW tensor stored as gzipped little-endian float32 {@code <name>.f32.gz}. */
	static float[] golden(String name) {
		try (InputStream in = new GZIPInputStream(open(name + ".f32.gz"))) {
			byte[] bytes = new byte[ClipImagePreprocessor.TENSOR_LENGTH * Float.BYTES];
			new DataInputStream(in).readFully(bytes);
			if (in.read() != -1) {
				throw new IllegalStateException(name + " is longer than one tensor");
			}
			float[] tensor = new float[ClipImagePreprocessor.TENSOR_LENGTH];
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(tensor);
			return tensor;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static float[] preprocess(BufferedImage image) {
		float[] tensor = new float[ClipImagePreprocessor.TENSOR_LENGTH];
		new ClipImagePreprocessor().preprocess(image, tensor, 0);
		return tensor;
	}

	/** Largest absolute difference between two tensors, per channel. */
	static float[] maxDifferencePerChannel(float[] actual, float[] expected) {
		int plane = ClipImagePreprocessor.IMAGE_SIZE * ClipImagePreprocessor.IMAGE_SIZE;
		float[] max = new float[3];
		for (int i = 0; i < actual.length; i++) {
			max[i / plane] = Math.max(max[i / plane], Math.abs(actual[i] - expected[i]));
		}
		return max;
	}

	/** How many values differ at all. */
	static int differingValues(float[] actual, float[] expected) {
		int differing = 0;
		for (int i = 0; i < actual.length; i++) {
			if (Float.compare(actual[i], expected[i]) != 0) {
				differing++;
			}
		}
		return differing;
	}

	private static InputStream open(String name) {
		InputStream in = ClipFixtures.class.getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException("missing fixture " + name);
		}
		return in;
	}

}

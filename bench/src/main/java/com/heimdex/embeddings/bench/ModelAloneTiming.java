package com.heimdex.embeddings.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import com.heimdex.embeddings.clip.ClipImageEmbedder;
import com.heimdex.embeddings.clip.ClipImagePreprocessor;
import com.heimdex.embeddings.clip.ClipModelLocator;
import com.heimdex.embeddings.clip.ClipProperties;

/**
 * The model alone: the job's own embedder (same ONNX Runtime settings, same inference thread)
 * fed already-preprocessed thumbnails in the batches the job forms, timed from the first call to
 * the last. One warm-up batch runs first (the job's first chunk loads the model).
 */
final class ModelAloneTiming {

	private ModelAloneTiming() {
	}

	/** Images embedded in seconds. */
	record Timed(long images, double seconds) {

		Timed plus(Timed other) {
			return new Timed(this.images + other.images, this.seconds + other.seconds);
		}

		double imagesPerSecond() {
			return this.images / this.seconds;
		}

	}

	/** @param batches the batch sizes, in order, the job hands to the model */
	static Timed run(Path model, List<byte[]> thumbnails, List<Integer> batches) {
		if (batches.isEmpty()) {
			return new Timed(0, 0);
		}
		ClipProperties properties = BenchSettings.clipProperties(model);
		int largest = batches.stream().mapToInt(Integer::intValue).max().orElse(1);
		FloatBuffer pixels = preprocessed(thumbnails, largest);
		try (ClipImageEmbedder embedder = new ClipImageEmbedder(properties, new ClipModelLocator(properties))) {
			embedder.embedBatch(pixels, largest, 60);
			long images = 0;
			long start = System.nanoTime();
			for (int batch : batches) {
				embedder.embedBatch(pixels, batch, 60);
				images += batch;
			}
			return new Timed(images, (System.nanoTime() - start) / 1e9);
		}
	}

	/** {@code count} images (thumbnails cycled) preprocessed into one direct buffer, as the job does. */
	private static FloatBuffer preprocessed(List<byte[]> thumbnails, int count) {
		int length = ClipImagePreprocessor.TENSOR_LENGTH;
		FloatBuffer pixels = ByteBuffer.allocateDirect(count * length * Float.BYTES)
			.order(ByteOrder.nativeOrder())
			.asFloatBuffer();
		ClipImagePreprocessor preprocessor = new ClipImagePreprocessor();
		for (int i = 0; i < count; i++) {
			ClipImagePreprocessor.normalise(preprocessor.levels(decode(thumbnails.get(i % thumbnails.size()))), pixels);
		}
		return pixels.flip();
	}

	private static BufferedImage decode(byte[] jpeg) {
		try {
			return ImageIO.read(new ByteArrayInputStream(jpeg));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

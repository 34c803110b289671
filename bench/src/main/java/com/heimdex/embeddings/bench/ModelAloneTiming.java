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
 * The model alone: the job's own embedder (same ONNX Runtime settings, same inference threads)
 * fed already-preprocessed thumbnails in the batches the job forms, timed from the first call to
 * the last. Each batch is queued before the one before it is done, as the job queues them, so the
 * inference threads never wait between batches: this is the most the model does on this machine,
 * not a pace the job could beat by overlapping batches. One warm-up batch runs first (the job
 * loads the model before its first batch).
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
		// two input buffers, as the job has, one for the batch running and one for the batch queued
		FloatBuffer[] pixels = { preprocessed(thumbnails, largest), preprocessed(thumbnails, largest) };
		try (ClipImageEmbedder embedder = new ClipImageEmbedder(properties, new ClipModelLocator(properties))) {
			embedder.embedBatch(pixels[0], largest, 60);
			long images = 0;
			long start = System.nanoTime();
			ClipImageEmbedder.RunningBatch running = null;
			for (int i = 0; i < batches.size(); i++) {
				ClipImageEmbedder.RunningBatch queued = embedder.startBatch(pixels[i % 2], batches.get(i), 60);
				if (running != null) {
					running.vectors();
				}
				running = queued;
				images += batches.get(i);
			}
			running.vectors();
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

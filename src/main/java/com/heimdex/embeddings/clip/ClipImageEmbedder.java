package com.heimdex.embeddings.clip;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLIP image encoder: preprocessed CHW float32 images in (3x224x224 each, already
 * normalised), one vector per image out, L2-normalised when {@code clip.normalize} is set.
 * <p>
 * The model is located and loaded on first use, once, by DJL on ONNX Runtime. Inference runs on
 * dedicated threads, {@code clip.cpu-threads} of them, each running a part of the batch on one
 * core ({@link ClipInferenceThreads}); they are dedicated because neither DJL's ONNX Runtime
 * block nor the session it wraps can be stopped once running (DJL passes no {@code RunOptions},
 * so {@code setTerminate} is out of reach): a batch over its budget fails with
 * {@link ClipTimeoutException} while the late runs finish in the background, and batches
 * submitted meanwhile wait their turn within their own budget.
 */
public class ClipImageEmbedder implements AutoCloseable {

	/** Floats in one preprocessed image: 3 channels of 224x224. */
	public static final int FLOATS_PER_IMAGE = ClipOnnxSession.FLOATS_PER_IMAGE;

	private static final Logger log = LoggerFactory.getLogger(ClipImageEmbedder.class);

	private static final long CLOSE_WAIT_SECONDS = 10;

	private final ClipProperties properties;

	private final ClipModelLocator locator;

	private final ClipInferenceThreads inferenceThreads;

	private final Object loadLock = new Object();

	private volatile LoadedModel loaded;

	public ClipImageEmbedder(ClipProperties properties, ClipModelLocator locator) {
		this.properties = properties;
		this.locator = locator;
		this.inferenceThreads = new ClipInferenceThreads(properties.effectiveCpuThreads());
	}

	/** What the model is; loads it if this is the first use. */
	public ClipModelInfo info() {
		return loaded().info();
	}

	/**
	 * Embeds {@code count} images stored back to back (CHW, {@link #FLOATS_PER_IMAGE} floats each)
	 * from the buffer's position on; the buffer's position is left as it was. A direct buffer in
	 * native byte order is handed to ONNX Runtime without a copy. The budget is
	 * {@code clip.timeout-s} per image.
	 */
	public float[][] embedBatch(FloatBuffer pixels, int count) {
		return embedBatch(pixels, count, properties.timeoutS());
	}

	/** As {@link #embedBatch(FloatBuffer, int)} with a budget of {@code timeoutSecondsPerImage} per image. */
	public float[][] embedBatch(FloatBuffer pixels, int count, double timeoutSecondsPerImage) {
		return startBatch(pixels, count, timeoutSecondsPerImage).vectors();
	}

	/**
	 * Starts embedding as {@link #embedBatch(FloatBuffer, int, double)} does and returns at once;
	 * {@link RunningBatch#vectors()} waits for the result. A batch started while another runs
	 * queues behind it, so the inference threads go on from one to the next without waiting; its
	 * budget counts from here. The buffer must stay untouched until the vectors are there.
	 */
	public RunningBatch startBatch(FloatBuffer pixels, int count, double timeoutSecondsPerImage) {
		if (count < 1 || pixels.remaining() < (long) count * FLOATS_PER_IMAGE) {
			throw new IllegalArgumentException("Expected " + count + " images of " + FLOATS_PER_IMAGE
					+ " floats but the buffer holds " + pixels.remaining() + " floats");
		}
		ClipOnnxSession session = loaded().session();
		List<Callable<float[][]>> parts = new ArrayList<>();
		int from = pixels.position();
		for (int size : inferenceThreads.partSizes(count)) {
			FloatBuffer part = pixels.duplicate().position(from).limit(from + size * FLOATS_PER_IMAGE).slice();
			parts.add(() -> session.run(part, size));
			from += size * FLOATS_PER_IMAGE;
		}
		return new RunningBatch(inferenceThreads.start(parts, count, timeoutSecondsPerImage), count, System.nanoTime());
	}

	/** A batch being embedded; see {@link #startBatch}. */
	public final class RunningBatch {

		private final ClipInferenceThreads.Running running;

		private final int count;

		private final long startNanos;

		private RunningBatch(ClipInferenceThreads.Running running, int count, long startNanos) {
			this.running = running;
			this.count = count;
			this.startNanos = startNanos;
		}

		/**
		 * One vector per image, in order, once all are done.
		 * @throws ClipTimeoutException when the batch is over its budget
		 * @throws ClipInferenceException when the inference failed
		 */
		public float[][] vectors() {
			float[][] vectors = this.running.await();
			if (properties.normalize()) {
				Arrays.stream(vectors).forEach(ClipImageEmbedder::normalizeInPlace);
			}
			logInference(this.count, System.nanoTime() - this.startNanos);
			return vectors;
		}

	}

	/**
	 * Stops taking work and releases the model. A run still in progress (one that timed out) is
	 * given a few seconds to finish, as its native session must not be closed under it.
	 */
	@Override
	public void close() {
		boolean idle = inferenceThreads.shutdown(CLOSE_WAIT_SECONDS);
		LoadedModel model = loaded;
		if (model == null) {
			return;
		}
		if (idle) {
			model.session().close();
		}
		else {
			log.warn("A CLIP inference is still running; the model stays loaded until the process exits");
		}
	}

	private LoadedModel loaded() {
		LoadedModel model = loaded;
		if (model == null) {
			synchronized (loadLock) {
				model = loaded;
				if (model == null) {
					model = load();
					loaded = model;
				}
			}
		}
		return model;
	}

	private LoadedModel load() {
		log.info("Loading CLIP model: {} (pretrained={}, device={})", properties.modelName(), properties.pretrained(),
				properties.device());
		long startNanos = System.nanoTime();
		Path file = locator.locate();
		int threads = properties.effectiveCpuThreads();
		ClipOnnxSession session = ClipOnnxSession.load(file, properties.dimensions());
		long loadTimeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
		ClipModelInfo info = new ClipModelInfo(properties.modelName(), properties.pretrained(), properties.device(),
				session.dimensions(), session.inputName(), session.outputName(), file, loadTimeMs, threads);
		log.info("CLIP model loaded successfully: {} (embed_dim={}, device={}, input={}, output={}, threads={}, "
				+ "load_time={}ms, file={})", info.modelName(), info.dimensions(), info.device(), info.inputName(),
				info.outputName(), threads, loadTimeMs, file);
		return new LoadedModel(session, info);
	}

	private void logInference(int count, long nanos) {
		if (properties.debugLog()) {
			log.info("CLIP inference: {} image(s) in {} ms", count, TimeUnit.NANOSECONDS.toMillis(nanos));
		}
		else if (log.isDebugEnabled()) {
			log.debug("CLIP inference: {} image(s) in {} ms", count, TimeUnit.NANOSECONDS.toMillis(nanos));
		}
	}

	static void normalizeInPlace(float[] vector) {
		double sumOfSquares = 0;
		for (float value : vector) {
			sumOfSquares += (double) value * value;
		}
		if (sumOfSquares > 0) {
			float scale = (float) (1 / Math.sqrt(sumOfSquares));
			for (int i = 0; i < vector.length; i++) {
				vector[i] *= scale;
			}
		}
	}

	private record LoadedModel(ClipOnnxSession session, ClipModelInfo info) {
	}

}

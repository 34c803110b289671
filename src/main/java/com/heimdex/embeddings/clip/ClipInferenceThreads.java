package com.heimdex.embeddings.clip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads CLIP inference runs on, and the budget each call waits for. A batch runs as parts,
 * one per thread at a time, each an ONNX Runtime run on a single core: independent runs keep
 * every core busy without the barriers an operator split across cores waits at, which is faster
 * alone and loses far less when thumbnail preparation takes a core for a moment. A running
 * session cannot be stopped through DJL, so a call over budget stops waiting and its runs finish
 * in the background; calls queued behind them keep their own budget, counted from submission.
 */
final class ClipInferenceThreads {

	/**
	 * Largest part one run gets. Small parts are faster per image on one core (their activations
	 * stay in the core's caches: int8 ViT-B/32 runs about a fifth faster in parts of 4-8 than of
	 * 25), keep the threads evenly busy when something else takes a core for a while, and bound
	 * the activations' memory.
	 */
	static final int MAX_PART_IMAGES = 8;

	private final int threads;

	private final ExecutorService executor;

	ClipInferenceThreads(int threads) {
		this.threads = threads;
		AtomicInteger number = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "clip-inference-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Sizes of the parts {@code count} images run as: as even as possible, at most
	 * {@link #MAX_PART_IMAGES} each, and a multiple of the thread count where there are enough
	 * images, so that no thread is left alone with the last part. The threads take the parts in
	 * order as they get free.
	 */
	List<Integer> partSizes(int count) {
		int parts = (count + MAX_PART_IMAGES - 1) / MAX_PART_IMAGES;
		parts = Math.min(count, (parts + this.threads - 1) / this.threads * this.threads);
		List<Integer> sizes = new ArrayList<>(parts);
		for (int part = 0; part < parts; part++) {
			sizes.add(count / parts + ((part < count % parts) ? 1 : 0));
		}
		return sizes;
	}

	/**
	 * Submits the parts of an inference over {@code count} images; they run once the parts
	 * submitted before are taken, so a caller may queue the next inference while one runs and
	 * the threads never wait between the two. The budget counts from submission.
	 */
	Running start(List<Callable<float[][]>> parts, int count, double secondsPerImage) {
		List<Future<float[][]>> results = new ArrayList<>(parts.size());
		long startNanos = System.nanoTime();
		parts.forEach((part) -> results.add(submit(part)));
		return new Running(results, count, secondsPerImage, startNanos);
	}

	/** An inference submitted by {@link #start}. */
	static final class Running {

		private final List<Future<float[][]>> results;

		private final int count;

		private final double secondsPerImage;

		private final long startNanos;

		private Running(List<Future<float[][]>> results, int count, double secondsPerImage, long startNanos) {
			this.results = results;
			this.count = count;
			this.secondsPerImage = secondsPerImage;
			this.startNanos = startNanos;
		}

		/**
		 * The vectors in order, once every part is done. Fails with {@link ClipTimeoutException}
		 * when all parts take longer than {@code secondsPerImage * count}, counted from submission,
		 * whether the result is late or never comes.
		 */
		float[][] await() {
			double budgetSeconds = this.secondsPerImage * this.count;
			long budgetNanos = (long) Math.min(budgetSeconds * 1e9, Long.MAX_VALUE);
			try {
				float[][] vectors = new float[this.count][];
				int at = 0;
				for (Future<float[][]> result : this.results) {
					long remaining = budgetNanos - (System.nanoTime() - this.startNanos);
					float[][] part = result.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
					System.arraycopy(part, 0, vectors, at, part.length);
					at += part.length;
				}
				if (System.nanoTime() - this.startNanos > budgetNanos) {
					throw timeout(this.count, budgetSeconds, this.secondsPerImage);
				}
				return vectors;
			}
			catch (TimeoutException ex) {
				cancel();
				throw timeout(this.count, budgetSeconds, this.secondsPerImage);
			}
			catch (ExecutionException ex) {
				cancel();
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				throw new ClipInferenceException("CLIP inference over " + this.count + " image(s) failed: " + cause,
						cause);
			}
			catch (InterruptedException ex) {
				cancel();
				Thread.currentThread().interrupt();
				throw new ClipInferenceException("Interrupted while waiting for CLIP inference", ex);
			}
		}

		private void cancel() {
			this.results.forEach((result) -> result.cancel(false));
		}

	}

	/** Takes no more work; true when no inference is running any more within the wait. */
	boolean shutdown(long waitSeconds) {
		this.executor.shutdownNow();
		try {
			return this.executor.awaitTermination(waitSeconds, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static ClipTimeoutException timeout(int count, double budgetSeconds, double secondsPerImage) {
		return new ClipTimeoutException("CLIP inference over " + count + " image(s) took longer than " + budgetSeconds
				+ " s (" + secondsPerImage + " s per image)");
	}

	private Future<float[][]> submit(Callable<float[][]> inference) {
		try {
			return this.executor.submit(inference);
		}
		catch (RejectedExecutionException ex) {
			throw new IllegalStateException("The CLIP image embedder is closed", ex);
		}
	}

}

package com.heimdex.embeddings.clip;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread CLIP inference runs on, and the budget each call waits for. A running ONNX
 * Runtime session cannot be stopped through DJL, so a call over budget stops waiting and the run
 * finishes in the background; calls queued behind it keep their own budget, counted from
 * submission, and are dropped if it runs out before they start.
 */
final class ClipInferenceThread {

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "clip-inference");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Runs the inference over {@code count} images. It fails with {@link ClipTimeoutException} when
	 * it takes longer than {@code secondsPerImage * count}, counted from submission, whether the
	 * result is late or never comes.
	 */
	float[][] run(Callable<float[][]> inference, int count, double secondsPerImage) {
		double budgetSeconds = secondsPerImage * count;
		long budgetNanos = (long) Math.min(budgetSeconds * 1e9, Long.MAX_VALUE);
		long startNanos = System.nanoTime();
		Future<float[][]> result = submit(inference);
		try {
			float[][] vectors = result.get(budgetNanos, TimeUnit.NANOSECONDS);
			if (System.nanoTime() - startNanos > budgetNanos) {
				throw timeout(count, budgetSeconds, secondsPerImage);
			}
			return vectors;
		}
		catch (TimeoutException ex) {
			result.cancel(false);
			throw timeout(count, budgetSeconds, secondsPerImage);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new ClipInferenceException("CLIP inference over " + count + " image(s) failed: " + cause, cause);
		}
		catch (InterruptedException ex) {
			result.cancel(false);
			Thread.currentThread().interrupt();
			throw new ClipInferenceException("Interrupted while waiting for CLIP inference", ex);
		}
	}

	/** Takes no more work; true when no inference is running any more within the wait. */
	boolean shutdown(long waitSeconds) {
		executor.shutdownNow();
		try {
			return executor.awaitTermination(waitSeconds, TimeUnit.SECONDS);
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
			return executor.submit(inference);
		}
		catch (RejectedExecutionException ex) {
			throw new IllegalStateException("The CLIP image embedder is closed", ex);
		}
	}

}

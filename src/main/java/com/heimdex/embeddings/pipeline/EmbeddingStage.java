package com.heimdex.embeddings.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * The pipeline's embedding thread: takes prepared items in order and embeds them in batches, the
 * next batch started before the one before is finished, and queues them for the step.
 *
 * @param <T> what is embedded
 */
final class EmbeddingStage<T> implements Runnable {

	/** Permits added once the model is loaded: as many preparations as the executor runs. */
	private static final int PREPARING_WHEN_LOADED = Integer.MAX_VALUE / 2;

	private final BlockingQueue<ReadAhead<T>> preparing;

	private final BlockingQueue<ReadAhead<T>> embedded;

	private final BatchEmbedding<T> embedding;

	private final int firstChunk;

	/** Items whose embedding was started. */
	private int started;

	/** The first item read, taken before the model loads; {@code null} once in a batch. */
	private ReadAhead<T> first;

	private final Semaphore preparingSlots;

	private final BooleanSupplier closed;

	/**
	 * @param preparing items read and being prepared, in order
	 * @param embedded where embedded items go for the step, in order
	 * @param embedding how batches are embedded
	 * @param firstChunk items of the step's first chunk, after which a batch ends (0: none)
	 * @param preparingSlots preparations allowed at once, raised once the model is loaded
	 * @param closed whether the pipeline is being closed
	 */
	EmbeddingStage(BlockingQueue<ReadAhead<T>> preparing, BlockingQueue<ReadAhead<T>> embedded,
			BatchEmbedding<T> embedding, int firstChunk, Semaphore preparingSlots, BooleanSupplier closed) {
		this.preparing = preparing;
		this.embedded = embedded;
		this.embedding = embedding;
		this.firstChunk = firstChunk;
		this.preparingSlots = preparingSlots;
		this.closed = closed;
	}

	/**
	 * The embedding thread: takes prepared scenes in order, as many as are ready (at least one, up
	 * to the batch size), and starts embedding them before it finishes the batch before and passes
	 * its scenes on, so the inference threads always have the next batch queued. The end and
	 * failures pass through in their place.
	 */
	@Override
	public void run() {
		try {
			// the model loads once there is something to embed: a run with nothing pending never
			// loads it
			this.first = this.preparing.take();
			try {
				if (this.first.isScene()) {
					this.embedding.warmUp();
				}
			}
			finally {
				this.preparingSlots.release(PREPARING_WHEN_LOADED);
			}
			Batch running = null;
			while (!this.closed.getAsBoolean()) {
				if (running != null && this.preparing.peek() == null) {
					// nothing to queue behind it: hand its scenes to the step rather than wait here
					running.passOn();
					running = null;
				}
				Batch next = start(nextBatch());
				if (running != null) {
					running.passOn();
				}
				running = next;
				if (next.stop() != null) {
					next.passOn();
					return;
				}
			}
		}
		catch (Throwable ex) {
			ReadAhead.passOn(this.embedded, ex, this.closed.getAsBoolean());
		}
	}

	/**
	 * The next scenes in order: the first to come, then those already prepared, up to the batch size
	 * in images (an item whose image gave several parts counts each). A batch does not cross the end
	 * of the first chunk: the step would wait for the images after it before committing the chunk.
	 */
	private List<ReadAhead<T>> nextBatch() throws InterruptedException {
		List<ReadAhead<T>> batch = new ArrayList<>();
		batch.add((this.first != null) ? this.first : this.preparing.take());
		this.first = null;
		int images = imagesOf(batch.get(0));
		while (batch.get(0).isScene() && this.preparing.peek() != null && this.preparing.peek().isPrepared()
				&& images + imagesOf(this.preparing.peek()) <= this.embedding.maxBatch()
				&& !endsFirstChunk(this.started + batch.size())) {
			ReadAhead<T> next = this.preparing.take();
			images += imagesOf(next);
			batch.add(next);
		}
		this.started += batch.size();
		return batch;
	}

	private boolean endsFirstChunk(int items) {
		return items == this.firstChunk;
	}

	/** The images an item read ahead brings: 1 until it is prepared, or when its preparation failed. */
	private int imagesOf(ReadAhead<T> ahead) {
		if (!ahead.isPrepared()) {
			return 1;
		}
		try {
			return this.embedding.images(ReadAhead.await(ahead.scene()));
		}
		catch (Exception ex) {
			return 1;
		}
	}

	/**
	 * Waits for the batch's preparations and starts embedding them; the end, or a failure to read
	 * or prepare, becomes the batch's stop, after the scenes before it; a failure to start the
	 * embedding stops the pipeline at the batch's first scene.
	 */
	private Batch start(List<ReadAhead<T>> batch) {
		List<PreparedImage<T>> prepared = new ArrayList<>(batch.size());
		ReadAhead<T> stop = null;
		for (ReadAhead<T> ahead : batch) {
			if (!ahead.isScene()) {
				stop = ahead;
				break;
			}
			try {
				prepared.add(ReadAhead.await(ahead.scene()));
			}
			catch (Exception ex) {
				stop = ReadAhead.failed(ex);
				break;
			}
		}
		if (prepared.isEmpty()) {
			return new Batch(List.of(), List::of, stop);
		}
		try {
			return new Batch(batch.subList(0, prepared.size()), this.embedding.start(prepared), stop);
		}
		catch (RuntimeException ex) {
			return new Batch(List.of(), List::of, ReadAhead.failed(ex));
		}
	}

	/** Scenes whose embedding was started, then what stops the pipeline after them, if anything. */
	private final class Batch {

		private final List<ReadAhead<T>> scenes;

		private final BatchEmbedding.Started<T> started;

		private final ReadAhead<T> stop;

		Batch(List<ReadAhead<T>> scenes, BatchEmbedding.Started<T> started, ReadAhead<T> stop) {
			this.scenes = scenes;
			this.started = started;
			this.stop = stop;
		}

		ReadAhead<T> stop() {
			return this.stop;
		}

		/** Waits for the embeddings and queues the scenes (and the stop) for the step. */
		void passOn() throws InterruptedException {
			List<PreparedImage<T>> outcome = this.started.finish();
			for (int i = 0; i < outcome.size(); i++) {
				embedded.put(new ReadAhead<>(CompletableFuture.completedFuture(outcome.get(i)), this.scenes.get(i).stateAfter(),
						null));
			}
			if (this.stop != null) {
				embedded.put(this.stop);
			}
		}

	}

}

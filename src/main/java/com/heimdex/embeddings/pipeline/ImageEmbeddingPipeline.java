package com.heimdex.embeddings.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Items that each have an image (a scene's thumbnail, a person's photo, a crop of either), read
 * in order, prepared (image fetched, decoded, cropped, preprocessed) and then embedded in batches;
 * the step reads them embedded, or with the typed reason they are not, in the order they were
 * read. With a lookahead, the work runs ahead of the step: a feeder thread reads up to that many
 * items ahead and prepares them on the executor; an embedding thread takes the prepared items in
 * order and embeds them in batches of up to {@code maxBatch}, with no regard for chunk
 * boundaries, with the next batch started before the one before is finished, so the model keeps
 * working while the step writes and commits a chunk. Without a lookahead, each item is read,
 * prepared and embedded when the step asks for it.
 * <p>
 * Restart state is the item reader's own state as it was right after it read the last item
 * handed to the step: items prepared or embedded ahead but not committed are read again after a
 * crash.
 *
 * @param <T> what is embedded, as the item reader returns it
 */
public final class ImageEmbeddingPipeline<T> implements ItemStreamReader<PreparedImage<T>> {

	private static final long CLOSE_WAIT_SECONDS = 30;

	/**
	 * Preparations running at once while the model loads. The load runs on one core and takes
	 * three times as long when a full pool of preparations (cold code, not yet compiled) shares the
	 * cores with it; a few keep the other core busy and warm the code up.
	 */
	static final int PREPARING_WHILE_LOADING = 2;

	/** Permits added once the model is loaded: as many preparations as the executor runs. */
	private static final int PREPARING_WHEN_LOADED = Integer.MAX_VALUE / 2;

	private final ItemStreamReader<T> scenes;

	private final ItemProcessor<T, PreparedImage<T>> preparer;

	private final Executor executor;

	private final BatchEmbedding<T> embedding;

	/** Scenes read and being prepared, in order; {@code null} without a lookahead. */
	private final BlockingQueue<Ahead<T>> preparing;

	/** Scenes embedded (or failed) and waiting for the step, in order. */
	private final BlockingQueue<Ahead<T>> embedded;

	private final List<Thread> threads = new ArrayList<>();

	private Semaphore preparingSlots;

	private volatile boolean closed;

	private boolean exhausted;

	/** The scene reader's state after reading the last scene handed out. */
	private ExecutionContext handedOut = new ExecutionContext();

	/** How prepared items are embedded: in batches, each started and then finished, in order. */
	public interface BatchEmbedding<T> {

		/** Largest batch {@link #start} takes. */
		int maxBatch();

		/** Runs once before the first batch (loads the model). */
		void warmUp();

		/** Starts embedding; at most two batches are started and not yet finished at any time. */
		Started<T> start(List<PreparedImage<T>> images);

		/** A batch being embedded. */
		interface Started<T> {

			/** The batch's items in the same order, each embedded or with the reason it is not. */
			List<PreparedImage<T>> finish();

		}

		/** Items handed out as prepared (a dry run). */
		static <T> BatchEmbedding<T> none() {
			return new BatchEmbedding<>() {

				public int maxBatch() {
					return 1;
				}

				public void warmUp() {
				}

				public Started<T> start(List<PreparedImage<T>> images) {
					return () -> images;
				}

			};
		}

	}

	/**
	 * @param items the items in order, with their restart state
	 * @param preparer fetches, decodes and preprocesses an item's image; thread-safe
	 * @param executor where preparations run, several at once
	 * @param embedding embeds prepared items in batches
	 * @param lookahead items read and prepared ahead of the embedding; 0 reads, prepares and
	 * embeds each item on the step's thread when asked for
	 * @param waiting items embedded ahead and waiting for the step (at least a chunk's worth, so
	 * that the model goes on while a chunk is written)
	 */
	public ImageEmbeddingPipeline(ItemStreamReader<T> items, ItemProcessor<T, PreparedImage<T>> preparer,
			Executor executor, BatchEmbedding<T> embedding, int lookahead, int waiting) {
		this.scenes = items;
		this.preparer = preparer;
		this.executor = executor;
		this.embedding = embedding;
		this.preparing = (lookahead > 0) ? new ArrayBlockingQueue<>(lookahead) : null;
		this.embedded = (lookahead > 0) ? new ArrayBlockingQueue<>(Math.max(1, waiting)) : null;
	}

	/** Opens the reader, or opens it again after a {@link #close()}, at the given state. */
	@Override
	public void open(ExecutionContext executionContext) {
		this.closed = false;
		this.exhausted = false;
		this.threads.clear();
		this.scenes.open(executionContext);
		this.handedOut = stateOfScenes();
		if (this.preparing != null) {
			this.preparingSlots = new Semaphore(PREPARING_WHILE_LOADING);
			start(this::feed, "scene-prefetch");
			start(this::embedAhead, "scene-embedding");
		}
	}

	@Override
	public PreparedImage<T> read() throws Exception {
		if (this.exhausted) {
			return null;
		}
		if (this.preparing == null) {
			T scene = this.scenes.read();
			this.exhausted = (scene == null);
			return (scene != null) ? this.embedding.start(List.of(this.preparer.process(scene))).finish().get(0) : null;
		}
		Ahead<T> next = this.embedded.take();
		if (next.failure() != null) {
			throw next.failure();
		}
		PreparedImage<T> scene = (next.scene() != null) ? await(next.scene()) : null;
		this.exhausted = (scene == null);
		this.handedOut = next.stateAfter();
		return scene;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		if (this.preparing == null) {
			this.scenes.update(executionContext);
			return;
		}
		for (Map.Entry<String, Object> entry : this.handedOut.entrySet()) {
			executionContext.put(entry.getKey(), entry.getValue());
		}
	}

	@Override
	public void close() {
		this.closed = true;
		for (Thread thread : this.threads) {
			thread.interrupt();
		}
		for (Thread thread : this.threads) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.preparing != null) {
			this.preparing.forEach(Ahead::cancel);
			this.preparing.clear();
			this.embedded.clear();
		}
		this.scenes.close();
	}

	private void start(Runnable work, String name) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
	}

	/**
	 * The feeder: reads scenes in order and queues their preparation, until the end or close. It
	 * starts at once: the model loads meanwhile, and the first thumbnails (the code's JIT warm-up
	 * included) are ready by the time it is loaded.
	 */
	private void feed() {
		try {
			while (!this.closed) {
				T scene = this.scenes.read();
				ExecutionContext state = stateOfScenes();
				if (scene == null) {
					this.preparing.put(new Ahead<>(null, state, null));
					return;
				}
				this.preparingSlots.acquire();
				this.preparing.put(new Ahead<>(CompletableFuture.supplyAsync(() -> prepareInSlot(scene), this.executor),
						state, null));
			}
		}
		catch (Throwable ex) {
			passOn(this.preparing, ex);
		}
	}

	/**
	 * The embedding thread: takes prepared scenes in order, as many as are ready (at least one, up
	 * to the batch size), and starts embedding them before it finishes the batch before and passes
	 * its scenes on, so the inference threads always have the next batch queued. The end and
	 * failures pass through in their place.
	 */
	private void embedAhead() {
		try {
			try {
				this.embedding.warmUp();
			}
			finally {
				this.preparingSlots.release(PREPARING_WHEN_LOADED);
			}
			Batch running = null;
			while (!this.closed) {
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
			passOn(this.embedded, ex);
		}
	}

	/** The next scenes in order: the first to come, then those already prepared, up to the batch size. */
	private List<Ahead<T>> nextBatch() throws InterruptedException {
		List<Ahead<T>> batch = new ArrayList<>();
		batch.add(this.preparing.take());
		while (batch.size() < this.embedding.maxBatch() && batch.get(0).isScene() && this.preparing.peek() != null
				&& this.preparing.peek().isPrepared()) {
			batch.add(this.preparing.take());
		}
		return batch;
	}

	/**
	 * Waits for the batch's preparations and starts embedding them; the end, or a failure to read
	 * or prepare, becomes the batch's stop, after the scenes before it; a failure to start the
	 * embedding stops the pipeline at the batch's first scene.
	 */
	private Batch start(List<Ahead<T>> batch) {
		List<PreparedImage<T>> prepared = new ArrayList<>(batch.size());
		Ahead<T> stop = null;
		for (Ahead<T> ahead : batch) {
			if (!ahead.isScene()) {
				stop = ahead;
				break;
			}
			try {
				prepared.add(await(ahead.scene()));
			}
			catch (Exception ex) {
				stop = Ahead.failed(ex);
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
			return new Batch(List.of(), List::of, Ahead.failed(ex));
		}
	}

	/**
	 * Hands what ended a pipeline thread to the next stage, so that the step fails with it rather
	 * than waiting for scenes that will never come; nothing when the reader is being closed.
	 */
	private void passOn(BlockingQueue<Ahead<T>> next, Throwable failure) {
		if (this.closed) {
			return;
		}
		Exception exception = (failure instanceof Exception ex) ? ex
				: new ItemStreamException("The image-embedding pipeline stopped: " + failure, failure);
		boolean interrupted = Thread.interrupted();
		try {
			next.put(Ahead.failed(exception));
		}
		catch (InterruptedException ex) {
			// closed meanwhile
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private PreparedImage<T> prepareInSlot(T scene) {
		try {
			return prepare(scene);
		}
		finally {
			this.preparingSlots.release();
		}
	}

	private PreparedImage<T> prepare(T scene) {
		try {
			return this.preparer.process(scene);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Preparing an image failed: " + ex.getMessage(), ex);
		}
	}

	private ExecutionContext stateOfScenes() {
		ExecutionContext state = new ExecutionContext();
		this.scenes.update(state);
		return state;
	}

	private static <T> PreparedImage<T> await(Future<PreparedImage<T>> scene) throws Exception {
		try {
			return scene.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : new ItemStreamException(ex.getCause());
		}
	}

	/** Scenes whose embedding was started, then what stops the pipeline after them, if anything. */
	private final class Batch {

		private final List<Ahead<T>> scenes;

		private final BatchEmbedding.Started<T> started;

		private final Ahead<T> stop;

		Batch(List<Ahead<T>> scenes, BatchEmbedding.Started<T> started, Ahead<T> stop) {
			this.scenes = scenes;
			this.started = started;
			this.stop = stop;
		}

		Ahead<T> stop() {
			return this.stop;
		}

		/** Waits for the embeddings and queues the scenes (and the stop) for the step. */
		void passOn() throws InterruptedException {
			List<PreparedImage<T>> outcome = this.started.finish();
			for (int i = 0; i < outcome.size(); i++) {
				embedded.put(new Ahead<>(CompletableFuture.completedFuture(outcome.get(i)), this.scenes.get(i).stateAfter(),
						null));
			}
			if (this.stop != null) {
				embedded.put(this.stop);
			}
		}

	}

	/**
	 * A scene read ahead: its preparation (or embedding) and the reader's state after reading it;
	 * no scene at the end; a failure when reading, preparing or embedding failed.
	 */
	private record Ahead<T>(Future<PreparedImage<T>> scene, ExecutionContext stateAfter, Exception failure) {

		static <T> Ahead<T> failed(Exception failure) {
			return new Ahead<>(null, null, failure);
		}

		boolean isScene() {
			return this.scene != null;
		}

		boolean isPrepared() {
			return this.scene != null && this.scene.isDone();
		}

		void cancel() {
			if (this.scene != null) {
				this.scene.cancel(true);
			}
		}

	}

}

package com.heimdex.embeddings.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Items that each have an image (a scene's thumbnail, a person's photo, a crop of either), read
 * in order, prepared (image fetched, decoded, cropped, preprocessed) and then embedded in batches;
 * the step reads them embedded, or with the typed reason they are not, in the order they were
 * read. With a lookahead, the work runs ahead of the step: a feeder thread reads up to that many
 * items ahead and prepares them on the executor; an embedding thread takes the prepared items in
 * order and embeds them in batches of up to {@code maxBatch}, with the next batch started before
 * the one before is finished, so the model keeps working while the step writes and commits a
 * chunk. Batches cross chunk boundaries, except the first chunk's end: the step commits that
 * chunk as soon as its own items are embedded. Without a lookahead, each item is read, prepared
 * and embedded when the step asks for it.
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

	private final ItemStreamReader<T> scenes;

	private final ItemProcessor<T, PreparedImage<T>> preparer;

	private final Executor executor;

	private final BatchEmbedding<T> embedding;

	private final int firstChunk;

	/** Scenes read and being prepared, in order; {@code null} without a lookahead. */
	private final BlockingQueue<ReadAhead<T>> preparing;

	/** Scenes embedded (or failed) and waiting for the step, in order. */
	private final BlockingQueue<ReadAhead<T>> embedded;

	private final List<Thread> threads = new ArrayList<>();

	private Semaphore preparingSlots;

	private volatile boolean closed;

	private boolean exhausted;

	/** The scene reader's state after reading the last scene handed out. */
	private ExecutionContext handedOut = new ExecutionContext();

	/**
	 * @param items the items in order, with their restart state
	 * @param preparer fetches, decodes and preprocesses an item's image; thread-safe
	 * @param executor where preparations run, several at once
	 * @param embedding embeds prepared items in batches
	 * @param lookahead items read and prepared ahead of the embedding; 0 reads, prepares and
	 * embeds each item on the step's thread when asked for
	 * @param waiting items embedded ahead and waiting for the step (at least a chunk's worth, so
	 * that the model goes on while a chunk is written)
	 * @param firstChunk items of the step's first chunk after an open, where a batch ends (0: none)
	 */
	public ImageEmbeddingPipeline(ItemStreamReader<T> items, ItemProcessor<T, PreparedImage<T>> preparer,
			Executor executor, BatchEmbedding<T> embedding, int lookahead, int waiting, int firstChunk) {
		this.scenes = items;
		this.preparer = preparer;
		this.executor = executor;
		this.embedding = embedding;
		this.firstChunk = firstChunk;
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
			start(new EmbeddingStage<>(this.preparing, this.embedded, this.embedding, this.firstChunk, this.preparingSlots,
					() -> this.closed), "scene-embedding");
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
		ReadAhead<T> next = this.embedded.take();
		if (next.failure() != null) {
			throw next.failure();
		}
		PreparedImage<T> scene = (next.scene() != null) ? ReadAhead.await(next.scene()) : null;
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
			this.preparing.forEach(ReadAhead::cancel);
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
					this.preparing.put(new ReadAhead<>(null, state, null));
					return;
				}
				this.preparingSlots.acquire();
				this.preparing.put(new ReadAhead<>(CompletableFuture.supplyAsync(() -> prepareInSlot(scene), this.executor),
						state, null));
			}
		}
		catch (Throwable ex) {
			ReadAhead.passOn(this.preparing, ex, this.closed);
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

}

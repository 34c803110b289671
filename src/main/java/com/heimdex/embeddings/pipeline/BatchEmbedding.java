package com.heimdex.embeddings.pipeline;

import java.util.List;

/** How prepared items are embedded: in batches, each started and then finished, in order. */
public interface BatchEmbedding<T> {

	/** Largest batch {@link #start} takes, in images ({@link #images}). */
	int maxBatch();

	/**
	 * How many images a prepared item brings to a batch: one, or its parts' count for an item whose
	 * image gave several (the persons found in a thumbnail, see {@link PartsEmbedding}).
	 */
	default int images(PreparedImage<T> item) {
		return 1;
	}

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

package com.heimdex.embeddings.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Embeds items whose one image gave several parts to embed (the persons a detector found in a
 * thumbnail, each cropped from the image decoded once): the parts of a batch's items go to the
 * model together, as one batch of images, and each item comes back with its parts' vectors in
 * order. An item without parts comes back at once with none; an item prepared with a failure comes
 * back as it was; when the model fails on a batch, every item with parts in it gets that failure.
 *
 * @param <T> the items
 */
public final class PartsEmbedding<T> implements BatchEmbedding<T> {

	/** What the parts of an item are and what an item is once they are embedded. */
	public interface Parts<T> {

		/** The model inputs of the item's parts, in order (none when it has none). */
		List<byte[]> pixels(T item);

		/** The item with its parts' vectors, in the order of {@link #pixels}. */
		T embedded(T item, List<float[]> vectors);

	}

	/** A part in the model's batch: its item's position in the batch. */
	private record Part(int item) {
	}

	private final BatchEmbedding<Part> images;

	private final Parts<T> parts;

	/**
	 * @param images embeds the parts' images (a CLIP batch embedder)
	 * @param parts the items' parts
	 */
	@SuppressWarnings("unchecked")
	public PartsEmbedding(BatchEmbedding<?> images, Parts<T> parts) {
		this.images = (BatchEmbedding<Part>) images;
		this.parts = parts;
	}

	@Override
	public int maxBatch() {
		return this.images.maxBatch();
	}

	@Override
	public int images(PreparedImage<T> item) {
		return (item.failure() != null) ? 0 : this.parts.pixels(item.item()).size();
	}

	@Override
	public void warmUp() {
		this.images.warmUp();
	}

	@Override
	public Started<T> start(List<PreparedImage<T>> items) {
		List<PreparedImage<Part>> batch = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			PreparedImage<T> item = items.get(i);
			if (item.failure() == null) {
				for (byte[] pixels : this.parts.pixels(item.item())) {
					batch.add(PreparedImage.ready(new Part(i), pixels, item.width(), item.height()));
				}
			}
		}
		Started<Part> started = batch.isEmpty() ? () -> List.of() : this.images.start(batch);
		return () -> regroup(items, started.finish());
	}

	private List<PreparedImage<T>> regroup(List<PreparedImage<T>> items, List<PreparedImage<Part>> embedded) {
		List<List<float[]>> vectors = new ArrayList<>(items.size());
		ImageFailure.InferenceFailed[] failures = new ImageFailure.InferenceFailed[items.size()];
		double[] timeMs = new double[items.size()];
		items.forEach((item) -> vectors.add(new ArrayList<>()));
		for (PreparedImage<Part> part : embedded) {
			int item = part.item().item();
			if (part.isEmbedded()) {
				vectors.get(item).add(part.embedding());
				timeMs[item] += part.inferenceTimeMs();
			}
			else if (failures[item] == null && part.failure() instanceof ImageFailure.InferenceFailed failed) {
				failures[item] = failed;
			}
		}
		List<PreparedImage<T>> outcome = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			PreparedImage<T> item = items.get(i);
			if (item.failure() != null) {
				outcome.add(item);
			}
			else if (failures[i] != null) {
				outcome.add(item.inferenceFailed(failures[i]));
			}
			else {
				outcome.add(new PreparedImage<>(this.parts.embedded(item.item(), vectors.get(i)), null, item.width(),
						item.height(), null, timeMs[i], null));
			}
		}
		return outcome;
	}

}

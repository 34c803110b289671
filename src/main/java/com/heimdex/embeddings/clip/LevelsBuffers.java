package com.heimdex.embeddings.clip;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Buffers for the 8-bit planes of prepared thumbnails ({@link ClipImagePreprocessor#TENSOR_LENGTH}
 * bytes each), given back once normalised into the model's input and then reused. A new buffer
 * per scene lives for the few seconds a scene spends in the pipeline: long enough to be copied by
 * young collections and promoted, so the old generation fills with dead buffers and a full
 * collection follows every few hundred scenes. Thread-safe.
 */
final class LevelsBuffers {

	private final BlockingQueue<byte[]> free;

	/** @param kept how many given-back buffers are kept for reuse at most */
	LevelsBuffers(int kept) {
		this.free = new ArrayBlockingQueue<>(Math.max(1, kept));
	}

	/** A buffer given back before, or a new one. Its content is undefined. */
	byte[] take() {
		byte[] buffer = this.free.poll();
		return (buffer != null) ? buffer : new byte[ClipImagePreprocessor.TENSOR_LENGTH];
	}

	/** Takes back a buffer no one reads any more; kept unless enough are kept already. */
	void giveBack(byte[] buffer) {
		if (buffer.length == ClipImagePreprocessor.TENSOR_LENGTH) {
			this.free.offer(buffer);
		}
	}

}

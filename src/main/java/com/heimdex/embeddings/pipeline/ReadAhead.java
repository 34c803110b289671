package com.heimdex.embeddings.pipeline;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * An item read ahead: its preparation (or embedding) and the reader's state after reading it;
 * no item at the end; a failure when reading, preparing or embedding failed.
 */
record ReadAhead<T>(Future<PreparedImage<T>> scene, ExecutionContext stateAfter, Exception failure) {

	static <T> ReadAhead<T> failed(Exception failure) {
		return new ReadAhead<>(null, null, failure);
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

	static <T> PreparedImage<T> await(Future<PreparedImage<T>> scene) throws Exception {
		try {
			return scene.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : new ItemStreamException(ex.getCause());
		}
	}

	/**
	 * Hands what ended a pipeline thread to the next stage, so that the step fails with it rather
	 * than waiting for scenes that will never come; nothing when the reader is being closed.
	 */
	static <T> void passOn(BlockingQueue<ReadAhead<T>> next, Throwable failure, boolean closed) {
		if (closed) {
			return;
		}
		Exception exception = (failure instanceof Exception ex) ? ex
				: new ItemStreamException("The image-embedding pipeline stopped: " + failure, failure);
		boolean interrupted = Thread.interrupted();
		try {
			next.put(ReadAhead.failed(exception));
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

}

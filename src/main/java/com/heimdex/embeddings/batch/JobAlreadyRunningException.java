package com.heimdex.embeddings.batch;

/** A live process already runs the same job; nothing was started. Exit code 3. */
public class JobAlreadyRunningException extends RuntimeException {

	public JobAlreadyRunningException(String message) {
		super(message);
	}

}

package com.heimdex.embeddings.batch;

/** The run lock's session ended while the job ran: the execution must not commit any more work. */
public class RunLockLostException extends IllegalStateException {

	public RunLockLostException(String message) {
		super(message);
	}

}

package com.heimdex.embeddings.cli;

/**
 * The process exit codes of the command line (the contract of the jobs' documentation). A process
 * out of heap ends with 137 instead, outside these codes: {@code deploy/jvm.options} has the JVM
 * kill itself ({@code -XX:OnOutOfMemoryError="kill -9 %p"}).
 */
final class ExitCodes {

	/** The job completed, or the command did what it was asked. */
	static final int COMPLETED = 0;

	/** The job failed or stopped (restartable), or the database could not be reached. */
	static final int FAILED = 1;

	/** Invalid arguments or settings; nothing was started. */
	static final int INVALID = 2;

	/** The same job is already running in a live process; nothing was started. */
	static final int ALREADY_RUNNING = 3;

	private ExitCodes() {
	}

}

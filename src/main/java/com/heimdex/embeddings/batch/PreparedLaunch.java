package com.heimdex.embeddings.batch;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * A launch whose run lock is held and whose instance is settled (new, or the one it resumes):
 * {@link #run()} runs the job once, in the calling thread, and releases the lock. The lock is a
 * database session's, not a thread's, so a launch prepared in one thread may run in another.
 */
public final class PreparedLaunch {

	private final String jobName;

	private final JobParameters parameters;

	private final JobRunLock lock;

	private final Callable<JobExecution> job;

	PreparedLaunch(String jobName, JobParameters parameters, JobRunLock lock, Callable<JobExecution> job) {
		this.jobName = jobName;
		this.parameters = parameters;
		this.lock = lock;
		this.job = job;
	}

	public String jobName() {
		return this.jobName;
	}

	/** The parameters the job runs with, {@code run.id} included. */
	public JobParameters parameters() {
		return this.parameters;
	}

	/** Runs the job to its end and releases the run lock. */
	public JobExecution run() throws Exception {
		try (this.lock) {
			return this.job.call();
		}
	}

	/** Gives the launch up without running it: releases the run lock. */
	public void release() {
		this.lock.close();
	}

}

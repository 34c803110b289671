package com.heimdex.embeddings.batch;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Checks, after each chunk is written and before it commits, that the run lock of the step's job
 * and partition is still held by this process. When its session is gone (a connection reset, a
 * failover, a terminated backend), another launch may already run the same scenes: the chunk is
 * rolled back and the execution ends FAILED, to be resumed by the same command.
 */
public final class RunLockGuard implements StepExecutionListener, ItemWriteListener<Object> {

	private final HeldRunLocks locks;

	private volatile String lockName;

	RunLockGuard(HeldRunLocks locks) {
		this.locks = locks;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.lockName = RunPartition.lockName(stepExecution.getJobExecution().getJobInstance().getJobName(),
				stepExecution.getJobExecution().getJobParameters());
	}

	@Override
	public void afterWrite(Chunk<?> items) {
		JobRunLock lock = (this.lockName != null) ? this.locks.held(this.lockName) : null;
		if (lock != null && !lock.isHeld()) {
			throw new RunLockLostException("the run lock of " + this.lockName + " was lost (its database session "
					+ "ended: a connection reset, a failover or a terminated backend) and another process may run "
					+ "the same scenes now; this chunk is rolled back. Run the same command again to resume");
		}
	}

}

package com.heimdex.embeddings.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The run locks this process holds, by job and partition, so that a running step can check with
 * every chunk that its lock is still held ({@link #guard()}).
 */
@Component
public class HeldRunLocks {

	private final Map<String, JobRunLock> locks = new ConcurrentHashMap<>();

	/** A listener for one step: it fails the chunk being written when the run lock has been lost. */
	public RunLockGuard guard() {
		return new RunLockGuard(this);
	}

	void hold(String lockName, JobRunLock lock) {
		this.locks.put(lockName, lock);
	}

	void release(String lockName) {
		this.locks.remove(lockName);
	}

	/** @return the lock held for this job and partition, or {@code null} when this process holds none */
	JobRunLock held(String lockName) {
		return this.locks.get(lockName);
	}

}

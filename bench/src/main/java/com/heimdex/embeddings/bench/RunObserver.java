package com.heimdex.embeddings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the database sees of a job's run, read on a thread of its own over one connection: when the
 * first chunk of a new step execution was committed (polled every 20 ms), and the CPU time of the
 * PostgreSQL processes serving the database (the job's connections, autovacuum workers; not this
 * connection) from {@code /proc/<pid>/stat} every 200 ms. A backend's counters only grow, so the last
 * reading before it exits misses at most 200 ms of its CPU. The CPU needs the server on this
 * machine (Linux); elsewhere it reads 0.
 */
final class RunObserver implements AutoCloseable {

	private static final int POLL_MILLIS = 20;

	private static final int CPU_EVERY = 10;

	/** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
	static final double TICKS_PER_SECOND = 100;

	private final JdbcTemplate jdbc;

	private final String database;

	private final Map<Integer, Long> ticks = new HashMap<>();

	private final Thread sampler;

	private final long lastStepExecution;

	private volatile long firstCommitMillis;

	private volatile boolean running = true;

	private RunObserver(JdbcTemplate jdbc, String database) {
		this.jdbc = jdbc;
		this.database = database;
		Long last = jdbc.queryForObject("SELECT coalesce(max(step_execution_id), 0) FROM batch_step_execution",
				Long.class);
		this.lastStepExecution = (last != null) ? last : 0;
		this.sampler = new Thread(this::sample, "run-observer");
		this.sampler.setDaemon(true);
	}

	/** @param jdbc over a single connection ({@code SingleConnectionDataSource}) */
	static RunObserver start(JdbcTemplate jdbc, String database) {
		RunObserver observer = new RunObserver(jdbc, database);
		observer.sampler.start();
		return observer;
	}

	private void sample() {
		for (long poll = 0; this.running; poll++) {
			List<Integer> pids;
			try {
				if (this.firstCommitMillis == 0 && committed()) {
					this.firstCommitMillis = System.currentTimeMillis();
				}
				if (poll % CPU_EVERY != 0) {
					Thread.sleep(POLL_MILLIS);
					continue;
				}
				pids = this.jdbc.queryForList(
						"SELECT pid FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()", Integer.class,
						this.database);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// a connection lost: the next reading tells
				pids = List.of();
			}
			synchronized (this.ticks) {
				for (int pid : pids) {
					long now = ticks(pid);
					if (now > 0) {
						this.ticks.merge(pid, now, Math::max);
					}
				}
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private boolean committed() {
		Long commits = this.jdbc.queryForObject("SELECT coalesce(max(commit_count), 0) FROM batch_step_execution"
				+ " WHERE step_execution_id > ?", Long.class, this.lastStepExecution);
		return commits != null && commits > 0;
	}

	/** When a chunk of the run was first seen committed (epoch milliseconds), 0 if none was. */
	long firstCommitMillis() {
		return this.firstCommitMillis;
	}

	/** CPU seconds of the database's backends seen so far. */
	double seconds() {
		synchronized (this.ticks) {
			return this.ticks.values().stream().mapToLong(Long::longValue).sum() / TICKS_PER_SECOND;
		}
	}

	/** utime + stime of a process, 0 when it is gone. */
	static long ticks(int pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
			// fields after the command name (which may hold spaces) in parentheses
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.sampler.interrupt();
		this.sampler.join();
	}

}

package com.heimdex.embeddings.batch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * How far a step's execution is through the scenes of its job instance, in the one format every
 * job logs: a progress line per chunk ({@code Progress: done/total (pct) - counts (rate, ETA)})
 * and a framed summary at the end. Done counts are the job instance's (a resumed execution goes
 * on from where the one before stopped); rates are this execution's. With {@code LOG_FORMAT=json}
 * the progress line's numbers are also the fields of its JSON object ({@code progress}).
 */
public final class RunProgress {

	private static final String RULE = "=".repeat(80);

	private final long doneAtStart;

	private final long total;

	private final long startNanos = System.nanoTime();

	/**
	 * @param doneAtStart scenes the instance's earlier executions did
	 * @param toDo scenes this execution has to do
	 */
	public RunProgress(long doneAtStart, long toDo) {
		this.doneAtStart = doneAtStart;
		this.total = doneAtStart + toDo;
	}

	/** Execution-context keys of the progress a step publishes (not counts of the run). */
	static final String KEY_PREFIX = "progress.";

	/** Execution-context key of {@link #total()}, read by {@link RecentExecutions}. */
	static final String TOTAL_KEY = KEY_PREFIX + "total";

	/** Execution-context key of the items the instance's earlier executions did. */
	static final String DONE_AT_START_KEY = KEY_PREFIX + "doneAtStart";

	/**
	 * Records the step's total and starting point in its execution context (saved with each
	 * chunk), so that another process (the admin page) can show how far the step is and its ETA.
	 */
	public void publish(ExecutionContext context) {
		context.putLong(TOTAL_KEY, this.total);
		context.putLong(DONE_AT_START_KEY, this.doneAtStart);
	}

	/** Scenes of the instance: done before, and to do. */
	public long total() {
		return this.total;
	}

	/**
	 * Logs the progress line once {@code done} scenes of the instance are done; {@code counts} says
	 * what became of them, by snake_case name ({@code cache_hits} reads "cache hits" in the line).
	 */
	public void log(Logger logger, long done, Map<String, Long> counts) {
		log(logger, null, done, counts);
	}

	/** {@link #log(Logger, long, Map)} for one step of several: the line starts with the step's name. */
	public void log(Logger logger, String step, long done, Map<String, Long> counts) {
		double rate = rate(done);
		long remaining = Math.max(0, this.total - done);
		Long etaSeconds = (rate > 0) ? Math.round(remaining / rate) : null;
		Map<String, Object> fields = new LinkedHashMap<>();
		if (step != null) {
			fields.put("step", step);
		}
		fields.put("done", done);
		fields.put("total", this.total);
		fields.putAll(counts);
		fields.put("scenes_per_second", Math.round(rate * 10) / 10.0);
		fields.put("eta_seconds", etaSeconds);
		String line = line(done, counts);
		StructuredLog.info(logger, (step != null) ? step + " " + line : line,
				Map.of("event.action", "progress", "progress", fields));
	}

	/** The progress line's text (see {@link #log}). */
	public String line(long done, Map<String, Long> counts) {
		double rate = rate(done);
		long remaining = Math.max(0, this.total - done);
		String countsText = counts.entrySet()
			.stream()
			.map((count) -> count.getKey().replace('_', ' ') + ": " + count.getValue())
			.collect(Collectors.joining(", "));
		return String.format("Progress: %d/%d (%.1f%%) - %s (%.1f scenes/s, ETA %s)", done, this.total,
				(this.total == 0) ? 100.0 : 100.0 * done / this.total, countsText, rate,
				(rate > 0) ? format(Duration.ofSeconds(Math.round(remaining / rate))) : "unknown");
	}

	/**
	 * Logs the summary: the title and status, scenes done (and this execution's share of them on
	 * a resume), what became of them, errors by code, the job's details, and this execution's
	 * duration and rate.
	 */
	public void logSummary(Logger logger, String title, BatchStatus status, long done, List<String> outcomes,
			Map<String, Long> errorsByCode, List<String> details) {
		logger.info(RULE);
		logger.info(title + " " + status);
		logger.info(RULE);
		logger.info("Scenes: " + done + "/" + this.total
				+ ((this.doneAtStart > 0) ? " (this execution " + (done - this.doneAtStart) + ")" : ""));
		outcomes.forEach(logger::info);
		errorsByCode.forEach((code, count) -> logger.info("  " + code + ": " + count));
		details.forEach(logger::info);
		long doneNow = done - this.doneAtStart;
		logger.info(String.format("Duration: %s (%.1f scenes/s, %d ms per scene)", format(elapsed()), rate(done),
				(doneNow == 0) ? 0 : elapsed().toMillis() / doneNow));
		logger.info(RULE);
	}

	/**
	 * The step's exit status, and when it failed why it stopped, logged and added to the exit
	 * description: a failure whose cause {@code fixOf} knows, with what to fix (the chunk was rolled
	 * back), else the failure itself; either way the same command resumes the run.
	 * @param fixOf what to fix for a cause it knows ("Fix the token"), else {@code null}
	 */
	public static ExitStatus exitStatus(Logger logger, StepExecution stepExecution, Function<Throwable, String> fixOf) {
		if (stepExecution.getFailureExceptions().isEmpty()) {
			return stepExecution.getExitStatus();
		}
		Throwable failure = stepExecution.getFailureExceptions().get(0);
		String reason = "Stopped: " + failure + ". Run the same command again to resume at the last committed chunk.";
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String fix = fixOf.apply(cause);
			if (fix != null) {
				reason = "Stopped: " + cause.getMessage() + "; nothing of the chunk was written. " + fix
						+ ", then run the same command again to resume.";
				break;
			}
		}
		logger.error(reason);
		return stepExecution.getExitStatus().addExitDescription(reason);
	}

	/** This execution's working time so far. */
	public Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	/** A duration as operators read it: {@code 1h02m}, {@code 3m05s}, {@code 4.2s}. */
	public static String format(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 3600) ? String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
				: (seconds >= 60) ? String.format("%dm%02ds", seconds / 60, seconds % 60)
						: String.format("%.1fs", duration.toMillis() / 1000.0);
	}

	private double rate(long done) {
		return (done - this.doneAtStart) / Math.max(1e-3, elapsed().toNanos() / 1e9);
	}

}

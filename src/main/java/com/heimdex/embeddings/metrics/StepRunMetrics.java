package com.heimdex.embeddings.metrics;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Publishes one step's counters as meters tagged by job and partition after every chunk, and at
 * the end of the step the coverage and the time of success. The counters are the ones the jobs
 * keep in the step's execution context ({@code clip.*}, {@code text.*}); see {@link RunCounterNames}.
 */
public class StepRunMetrics implements StepExecutionListener, ItemWriteListener<Object> {

	private static final Logger logger = LoggerFactory.getLogger(StepRunMetrics.class);

	private final RunMeters meters;

	private final CoverageMeters coverage;

	private final Set<String> errorCodesSeen = new HashSet<>();

	private Tags tags = Tags.empty();

	private boolean clipJob;

	private boolean textJob;

	private StepExecution stepExecution;

	private long processedAtStart;

	private long embeddedAtStart;

	private long startNanos;

	StepRunMetrics(RunMeters meters, CoverageMeters coverage) {
		this.meters = meters;
		this.coverage = coverage;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		String job = stepExecution.getJobExecution().getJobInstance().getJobName();
		JobParameter<?> partitionParameter = stepExecution.getJobExecution().getJobParameters().getParameter("partition");
		Object partition = (partitionParameter != null) ? partitionParameter.value() : 0;
		this.tags = Tags.of("batch_job", job, "partition", String.valueOf(partition));
		this.clipJob = job.equals("clipBackfill");
		this.textJob = job.equals("textBackfill");
		this.startNanos = System.nanoTime();
		this.processedAtStart = RunCounterNames.processed(context());
		this.embeddedAtStart = RunCounterNames.embedded(context());
		this.meters.gauge("run.start.timestamp.seconds", "When the running (or last) execution started", this.tags,
				Instant.now().getEpochSecond());
		measure("the last success", () -> this.coverage.lastSuccess(job, String.valueOf(partition), this.tags));
		publish();
	}

	@Override
	public void afterWrite(Chunk<?> items) {
		publish();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		publish();
		boolean completed = stepExecution.getStatus() == BatchStatus.COMPLETED;
		this.meters.gauge("run.success", "1 when the last execution completed, 0 when it failed or stopped",
				this.tags, completed ? 1 : 0);
		if (completed) {
			this.meters.gauge("last.success.timestamp.seconds", "When this job and partition last completed",
					this.tags, Instant.now().getEpochSecond());
		}
		measure("the coverage", () -> this.coverage.record(this.tags));
		return null;
	}

	private void publish() {
		ExecutionContext context = context();
		long processed = RunCounterNames.processed(context);
		long embedded = RunCounterNames.embedded(context);
		this.meters.count("scenes.processed", "Scenes processed (embedded, failed or skipped)", this.tags, processed);
		this.meters.count("scenes.embedded", "Scenes whose embeddings were written", this.tags, embedded);
		this.meters.count("scenes.skipped", "Scenes counted but not embedded (dry run)", this.tags,
				RunCounterNames.skipped(context));
		Map<String, Long> failed = RunCounterNames.failedByCode(context);
		this.errorCodesSeen.addAll(failed.keySet());
		for (String code : this.errorCodesSeen) {
			this.meters.count("scenes.failed", "Scenes (text: channel texts) that failed, by error code",
					this.tags.and("error", code), failed.getOrDefault(code, 0L));
		}
		if (this.textJob) {
			RunCounterNames.textCounters(context)
				.forEach((name, value) -> this.meters.count(name, RunCounterNames.description(name), this.tags, value));
		}
		double seconds = Math.max(1e-3, (System.nanoTime() - this.startNanos) / 1e9);
		this.meters.gauge("scenes.per.second", "Scenes processed per second by the running execution", this.tags,
				(processed - this.processedAtStart) / seconds);
		if (this.clipJob) {
			this.meters.gauge("images.per.second", "Thumbnails embedded per second by the running execution",
					this.tags, (embedded - this.embeddedAtStart) / seconds);
		}
	}

	/** Metrics never fail a run: a query that fails leaves its gauge as it was. */
	private static void measure(String what, Runnable measurement) {
		try {
			measurement.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Metrics: " + what + " could not be read (" + ex.getMessage() + "); its gauge is not updated");
		}
	}

	private ExecutionContext context() {
		return this.stepExecution.getExecutionContext();
	}

}

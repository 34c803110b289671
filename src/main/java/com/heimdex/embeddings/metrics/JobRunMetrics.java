package com.heimdex.embeddings.metrics;

import java.time.Instant;

import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Publishes what a run as a whole did, tagged by job and partition: when it started and when the
 * job and partition last completed (read from the JobRepository when it starts, so a run that
 * fails still reports the last success), and at its end whether it completed, the job's coverage,
 * and the counters of each of its steps: those of a step without a {@link StepRunMetrics} too.
 */
public class JobRunMetrics implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(JobRunMetrics.class);

	private final RunMeters meters;

	private final CoverageMeters coverage;

	private final RunCoverage kind;

	JobRunMetrics(RunMeters meters, CoverageMeters coverage, RunCoverage kind) {
		this.meters = meters;
		this.coverage = coverage;
		this.kind = kind;
	}

	/** {@code batch_job} and {@code partition} (0 when the job is not partitioned). */
	static Tags tags(JobExecution jobExecution) {
		return Tags.of("batch_job", jobExecution.getJobInstance().getJobName(), "partition", partition(jobExecution));
	}

	private static String partition(JobExecution jobExecution) {
		JobParameter<?> partition = jobExecution.getJobParameters().getParameter("partition");
		return String.valueOf((partition != null) ? partition.value() : 0);
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		Tags tags = tags(jobExecution);
		this.meters.gauge("run.start.timestamp.seconds", "When the running (or last) execution started", tags,
				Instant.now().getEpochSecond());
		measure("the last success", () -> this.coverage.lastSuccess(jobExecution.getJobInstance().getJobName(),
				partition(jobExecution), tags));
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		Tags tags = tags(jobExecution);
		boolean completed = jobExecution.getStatus() == BatchStatus.COMPLETED;
		this.meters.gauge("run.success", "1 when the last execution completed, 0 when it failed or stopped", tags,
				completed ? 1 : 0);
		if (completed) {
			this.meters.gauge("last.success.timestamp.seconds", "When this job and partition last completed", tags,
					Instant.now().getEpochSecond());
		}
		for (StepExecution step : jobExecution.getStepExecutions()) {
			StepRunMetrics.publishCounts(this.meters, tags.and("step", step.getStepName()), step.getExecutionContext());
		}
		measure("the coverage", () -> this.coverage.record(this.kind, tags));
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

}

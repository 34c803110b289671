package com.heimdex.embeddings.metrics;

import org.springframework.stereotype.Component;

/**
 * The jobs' metrics. Each job takes a {@link #jobListener(RunCoverage)} (start, last success, run
 * success, coverage at the end; tagged {@code batch_job} and {@code partition}) and each of its steps
 * a {@link #stepListener()}, which keeps the step's counters current after every chunk (tagged
 * {@code step} too, and the error code for failures). Spring Boot exports them: to a Prometheus
 * Pushgateway when {@code management.prometheus.metrics.export.pushgateway.enabled} is set, every
 * push-rate and once more when the process ends.
 */
@Component
public class RunMetrics {

	private final RunMeters meters;

	private final CoverageMeters coverage;

	RunMetrics(RunMeters meters, CoverageMeters coverage) {
		this.meters = meters;
		this.coverage = coverage;
	}

	/** A listener for one job execution, reporting this coverage at its end. */
	public JobRunMetrics jobListener(RunCoverage coverage) {
		return new JobRunMetrics(this.meters, this.coverage, coverage);
	}

	/** A listener for one step execution. */
	public StepRunMetrics stepListener() {
		return new StepRunMetrics(this.meters);
	}

}

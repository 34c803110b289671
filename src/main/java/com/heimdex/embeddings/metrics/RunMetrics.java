package com.heimdex.embeddings.metrics;

import org.springframework.stereotype.Component;

/**
 * The jobs' metrics: each job's step takes a {@link #stepListener()}, which keeps the job's meters
 * (scenes processed, embedded, failed by error code, texts, tokens, requests, 429s, rates, coverage,
 * last success; tagged {@code batch_job} and {@code partition}) current after every chunk. Spring
 * Boot exports them: to a Prometheus Pushgateway when
 * {@code management.prometheus.metrics.export.pushgateway.enabled} is set, every push-rate and
 * once more when the process ends.
 */
@Component
public class RunMetrics {

	private final RunMeters meters;

	private final CoverageMeters coverage;

	RunMetrics(RunMeters meters, CoverageMeters coverage) {
		this.meters = meters;
		this.coverage = coverage;
	}

	/** A listener for one step execution. */
	public StepRunMetrics stepListener() {
		return new StepRunMetrics(this.meters, this.coverage);
	}

}

package com.heimdex.embeddings.metrics;

import java.util.Map;

import com.heimdex.embeddings.batch.RunCounters;
import io.micrometer.core.instrument.Tags;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Publishes one step's counters after every chunk and at its end. Every count the step keeps with
 * {@link RunCounters}, whatever the job, becomes {@code scene.embedding.step.count} tagged by job,
 * partition, step and count, and its failures {@code scene.embedding.step.failed} tagged by error
 * code: a new step's counters are exported as they are. clipBackfill and textBackfill, whose counters
 * {@link RunCounterNames} knows, also get the scene series (processed, embedded, failed by code,
 * texts, tokens, requests, 429s, scenes/s, images/s).
 */
public class StepRunMetrics implements StepExecutionListener, ItemWriteListener<Object> {

	private final RunMeters meters;

	private Tags tags = Tags.empty();

	private Tags stepTags = Tags.empty();

	private boolean clipJob;

	private boolean textJob;

	private StepExecution stepExecution;

	private long processedAtStart;

	private long embeddedAtStart;

	private long startNanos;

	StepRunMetrics(RunMeters meters) {
		this.meters = meters;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		String job = stepExecution.getJobExecution().getJobInstance().getJobName();
		this.tags = JobRunMetrics.tags(stepExecution.getJobExecution());
		this.stepTags = this.tags.and("step", stepExecution.getStepName());
		this.clipJob = job.equals("clipBackfill");
		this.textJob = job.equals("textBackfill");
		this.startNanos = System.nanoTime();
		this.processedAtStart = RunCounterNames.processed(context());
		this.embeddedAtStart = RunCounterNames.embedded(context());
		publish();
	}

	@Override
	public void afterWrite(Chunk<?> items) {
		publish();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		publish();
		return null;
	}

	private void publish() {
		ExecutionContext context = context();
		publishCounts(this.meters, this.stepTags, context);
		if (this.clipJob || this.textJob) {
			publishScenes(context);
		}
	}

	/** Sets the step's counts and failures by code, over the job instance, with these tags (job, partition, step). */
	static void publishCounts(RunMeters meters, Tags stepTags, ExecutionContext context) {
		RunCounters.StepTotals totals = RunCounters.stepTotals(context);
		totals.counts()
			.forEach((count, total) -> meters.count("step.count",
					"What a step counted (items processed, embedded, failed, texts, tokens, ...), by count",
					stepTags.and("count", count), total));
		totals.errorsByCode()
			.forEach((code, total) -> meters.count("step.failed", "Items a step failed, by error code",
					stepTags.and("error", code), total));
	}

	private void publishScenes(ExecutionContext context) {
		long processed = RunCounterNames.processed(context);
		long embedded = RunCounterNames.embedded(context);
		this.meters.count("scenes.processed", "Scenes processed (embedded, failed or skipped)", this.tags, processed);
		this.meters.count("scenes.embedded", "Scenes whose embeddings were written", this.tags, embedded);
		this.meters.count("scenes.skipped", "Scenes counted but not embedded (dry run)", this.tags,
				RunCounterNames.skipped(context));
		for (Map.Entry<String, Long> failed : RunCounterNames.failedByCode(context).entrySet()) {
			this.meters.count("scenes.failed", "Scenes (text: channel texts) that failed, by error code",
					this.tags.and("error", failed.getKey()), failed.getValue());
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

	private ExecutionContext context() {
		return this.stepExecution.getExecutionContext();
	}

}

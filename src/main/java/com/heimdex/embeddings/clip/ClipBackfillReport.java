package com.heimdex.embeddings.clip;

import java.time.Duration;
import java.util.Map;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.ClipSceneSelection;
import com.heimdex.embeddings.scene.PendingScene;
import com.heimdex.embeddings.scene.SceneCounts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * What operators read in the log: the seeds' start banner, a progress line per chunk with rate
 * and ETA, and a final summary with the run's error codes.
 */
class ClipBackfillReport implements StepExecutionListener, ItemWriteListener<PreparedImage<PendingScene>> {

	private static final Log logger = LogFactory.getLog(ClipBackfillReport.class);

	private static final String RULE = "=".repeat(80);

	static final String PROCESSED = "processed";

	static final String UPDATED = "updated";

	static final String ERRORS = "errors";

	static final String DRY_RUN = "dryRun";

	static final String ERROR_PREFIX = "error.";

	/** Scenes in the run's scope without a thumbnail, as counted when the execution started. */
	static final String NO_THUMBNAIL = "noThumbnail";

	private final ClipBackfillParameters parameters;

	private final ClipProperties clip;

	private final SceneCounts sceneCounts;

	private StepExecution stepExecution;

	private long pendingAtStart;

	private long startNanos;

	private long processedAtStart;

	private long withoutThumbnail;

	ClipBackfillReport(ClipBackfillParameters parameters, ClipProperties clip, SceneCounts sceneCounts) {
		this.parameters = parameters;
		this.clip = clip;
		this.sceneCounts = sceneCounts;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		this.startNanos = System.nanoTime();
		counters().startExecution();
		this.processedAtStart = processed();
		ClipSceneSelection selection = this.parameters.selection();
		this.withoutThumbnail = this.sceneCounts.withoutThumbnail(selection);
		counters().set(NO_THUMBNAIL, this.withoutThumbnail);
		long pending = this.sceneCounts.pending(selection);
		this.pendingAtStart = this.parameters.scope().toDo(pending, this.processedAtStart);
		logger.info(RULE);
		logger.info("CLIP Visual Embedding Backfill " + (processed() > 0 ? "Resumed" : "Started")
				+ (this.parameters.dryRun() ? " (DRY RUN: nothing will be written)" : ""));
		logger.info(RULE);
		logger.info("Batch size: " + this.parameters.batchSize());
		logger.info("Max scenes: " + this.parameters.scope().maxScenesText());
		logger.info("Processing delay: " + this.parameters.processingDelaySeconds() + "s");
		logger.info("CLIP timeout: " + this.parameters.clipTimeoutSeconds() + "s");
		logger.info("CLIP model: " + this.clip.modelName() + " (pretrained=" + this.clip.pretrained() + ", device="
				+ this.clip.device() + ", " + modelSource() + ")");
		logger.info("Selection: " + selection.describe());
		logger.info("Scenes to process: " + this.pendingAtStart + "; without thumbnail (no_thumbnail, never fetched): "
				+ this.withoutThumbnail);
		logger.info(RULE);
	}

	@Override
	public void afterWrite(Chunk<? extends PreparedImage<PendingScene>> chunk) {
		RunCounters counters = counters();
		long processedNow = processed() - this.processedAtStart;
		double seconds = Math.max(1e-3, (System.nanoTime() - this.startNanos) / 1e9);
		double rate = processedNow / seconds;
		long remaining = Math.max(0, this.pendingAtStart - processedNow);
		logger.info(String.format("Progress: processed=%d, updated=%d, skipped=%d, errors=%d (%.1f scenes/s, ETA %s)",
				processed(), counters.total(UPDATED), counters.total(DRY_RUN), counters.total(ERRORS), rate,
				(rate > 0) ? format(Duration.ofSeconds(Math.round(remaining / rate))) : "unknown"));
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		RunCounters counters = counters();
		double seconds = Math.max(1e-3, (System.nanoTime() - this.startNanos) / 1e9);
		logger.info(RULE);
		logger.info("CLIP Visual Embedding Backfill " + stepExecution.getStatus());
		long processedNow = processed() - this.processedAtStart;
		logger.info("Processed: " + processed() + ((this.processedAtStart > 0) ? " (this execution " + processedNow + ")" : ""));
		logger.info("Updated: " + counters.total(UPDATED));
		logger.info("Skipped (dry run): " + counters.total(DRY_RUN));
		logger.info("No thumbnail (no_thumbnail, never fetched): " + this.withoutThumbnail);
		logger.info("Errors: " + counters.total(ERRORS));
		for (Map.Entry<String, Long> error : counters.totals(ERROR_PREFIX).entrySet()) {
			logger.info("  " + error.getKey() + ": " + error.getValue());
		}
		logger.info(String.format("Duration: %s (%.1f scenes/s)", format(Duration.ofMillis(Math.round(seconds * 1000))),
				processedNow / seconds));
		logger.info(RULE);
		return stepExecution.getExitStatus();
	}

	/** Scenes processed by the whole job instance, resumed executions included. */
	private long processed() {
		return counters().total(PROCESSED);
	}

	private RunCounters counters() {
		return counters(this.stepExecution);
	}

	/** The {@code clip.*} counters of the step. */
	static RunCounters counters(StepExecution stepExecution) {
		return new RunCounters(stepExecution.getExecutionContext(), "clip.");
	}

	private String modelSource() {
		return (this.clip.modelPath() != null) ? "model " + this.clip.modelPath()
				: "model " + this.clip.modelUrl() + " cached in " + this.clip.cacheDir();
	}

	private static String format(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 3600) ? String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
				: (seconds >= 60) ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
	}

}

package com.heimdex.embeddings.clip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.batch.RunProgress;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.ClipSceneSelection;
import com.heimdex.embeddings.scene.PendingClipScene;
import com.heimdex.embeddings.scene.SceneCounts;
import com.heimdex.embeddings.batch.StructuredLog;
import com.heimdex.embeddings.thumbnail.StorageAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * What operators read in the log: the seeds' start banner, the progress line per chunk and the
 * summary every job logs ({@link RunProgress}), with the run's error codes.
 */
class ClipBackfillReport implements StepExecutionListener, ItemWriteListener<PreparedImage<PendingClipScene>> {

	private static final Logger logger = LoggerFactory.getLogger(ClipBackfillReport.class);

	private static final String RULE = "=".repeat(80);

	static final String PROCESSED = "processed";

	static final String UPDATED = "updated";

	static final String ERRORS = "errors";

	static final String DRY_RUN = "dryRun";

	/** Scenes in the run's scope without a thumbnail, as counted when the execution started. */
	static final String NO_THUMBNAIL = "noThumbnail";

	private final ClipBackfillParameters parameters;

	private final ClipProperties clip;

	private final SceneCounts sceneCounts;

	private StepExecution stepExecution;

	private RunProgress progress;

	private long withoutThumbnail;

	ClipBackfillReport(ClipBackfillParameters parameters, ClipProperties clip, SceneCounts sceneCounts) {
		this.parameters = parameters;
		this.clip = clip;
		this.sceneCounts = sceneCounts;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		counters().startExecution();
		long processedAtStart = processed();
		ClipSceneSelection selection = this.parameters.selection();
		this.withoutThumbnail = this.sceneCounts.withoutThumbnail(selection);
		counters().set(NO_THUMBNAIL, this.withoutThumbnail);
		long pending = this.sceneCounts.pending(selection);
		long toDo = this.parameters.scope().toDo(pending, processedAtStart);
		this.progress = new RunProgress(processedAtStart, toDo);
		this.progress.publish(stepExecution.getExecutionContext());
		logger.info(RULE);
		StructuredLog.info(logger, "CLIP Visual Embedding Backfill " + (processed() > 0 ? "Resumed" : "Started")
				+ (this.parameters.dryRun() ? " (DRY RUN: nothing will be written)" : ""), Map.of("event.action",
						"job_start", "settings", settings(selection, toDo)));
		logger.info(RULE);
		logger.info("Batch size: " + this.parameters.batchSize());
		logger.info("Max scenes: " + this.parameters.scope().maxScenesText());
		logger.info("Processing delay: " + this.parameters.processingDelaySeconds() + "s");
		logger.info("CLIP timeout: " + this.parameters.clipTimeoutSeconds() + "s");
		logger.info("CLIP model: " + this.clip.modelName() + " (pretrained=" + this.clip.pretrained() + ", device="
				+ this.clip.device() + ", " + modelSource() + ")");
		logger.info("Selection: " + selection.describe());
		logger.info("Scenes to process: " + toDo + "; without thumbnail (no_thumbnail, never fetched): "
				+ this.withoutThumbnail);
		logger.info(RULE);
	}

	@Override
	public void afterWrite(Chunk<? extends PreparedImage<PendingClipScene>> chunk) {
		RunCounters counters = counters();
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("processed", processed());
		counts.put("updated", counters.total(UPDATED));
		counts.put("skipped", counters.total(DRY_RUN));
		counts.put("errors", counters.total(ERRORS));
		this.progress.log(logger, processed(), counts);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		RunCounters counters = counters();
		this.progress.logSummary(logger, "CLIP Visual Embedding Backfill", stepExecution.getStatus(), processed(),
				List.of("Updated: " + counters.total(UPDATED), "Skipped (dry run): " + counters.total(DRY_RUN),
						"No thumbnail (no_thumbnail, never fetched): " + this.withoutThumbnail,
						"Errors: " + counters.total(ERRORS)),
				counters.errorsByCode(), List.of());
		return RunProgress.exitStatus(logger, stepExecution,
				(cause) -> (cause instanceof StorageAuthorizationException) ? "Fix the token" : null);
	}

	private Map<String, Object> settings(ClipSceneSelection selection, long toDo) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("batch_size", this.parameters.batchSize());
		settings.put("max_scenes", this.parameters.scope().maxScenes());
		settings.put("processing_delay_s", this.parameters.processingDelaySeconds());
		settings.put("clip_timeout_s", this.parameters.clipTimeoutSeconds());
		settings.put("dry_run", this.parameters.dryRun());
		settings.put("model_name", this.clip.modelName());
		settings.put("pretrained", this.clip.pretrained());
		settings.put("device", this.clip.device());
		settings.put("model", modelSource());
		settings.put("selection", selection.describe());
		settings.put("scenes_to_process", toDo);
		settings.put("without_thumbnail", this.withoutThumbnail);
		return settings;
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

}

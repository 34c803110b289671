package com.heimdex.embeddings.clip;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.heimdex.embeddings.scene.ClipSceneSelection;
import com.heimdex.embeddings.scene.SceneCounts;
import com.heimdex.embeddings.batch.StructuredLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * What operators read in the log: the seeds' start banner, a progress line per chunk with rate
 * and ETA, and a final summary with the run's error codes.
 */
class ClipBackfillReport implements StepExecutionListener, ItemWriteListener<PreparedScene> {

	private static final Logger logger = LoggerFactory.getLogger(ClipBackfillReport.class);

	private static final String RULE = "=".repeat(80);

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
		this.processedAtStart = processed();
		ClipSceneSelection selection = this.parameters.selection();
		this.withoutThumbnail = this.sceneCounts.withoutThumbnail(selection);
		counters().setNoThumbnail(this.withoutThumbnail);
		long pending = this.sceneCounts.pending(selection);
		this.pendingAtStart = (this.parameters.maxScenes() != null)
				? Math.max(0, Math.min(pending, this.parameters.maxScenes() - this.processedAtStart)) : pending;
		logger.info(RULE);
		StructuredLog.info(logger, "CLIP Visual Embedding Backfill " + (processed() > 0 ? "Resumed" : "Started")
				+ (this.parameters.dryRun() ? " (DRY RUN: nothing will be written)" : ""), Map.of("event.action",
						"job_start", "settings", settings(selection)));
		logger.info(RULE);
		logger.info("Batch size: " + this.parameters.batchSize());
		logger.info("Max scenes: " + ((this.parameters.maxScenes() != null) ? this.parameters.maxScenes() : "unlimited"));
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
	public void afterWrite(Chunk<? extends PreparedScene> chunk) {
		ClipRunCounters counters = counters();
		long processedNow = processed() - this.processedAtStart;
		double seconds = Math.max(1e-3, (System.nanoTime() - this.startNanos) / 1e9);
		double rate = processedNow / seconds;
		long remaining = Math.max(0, this.pendingAtStart - processedNow);
		Long etaSeconds = (rate > 0) ? Math.round(remaining / rate) : null;
		Map<String, Object> progress = new LinkedHashMap<>();
		progress.put("processed", processed());
		progress.put("updated", counters.updated());
		progress.put("skipped", counters.dryRun());
		progress.put("errors", counters.errors());
		progress.put("scenes_per_second", Math.round(rate * 10) / 10.0);
		progress.put("eta_seconds", etaSeconds);
		StructuredLog.info(logger,
				String.format("Progress: processed=%d, updated=%d, skipped=%d, errors=%d (%.1f scenes/s, ETA %s)",
						processed(), counters.updated(), counters.dryRun(), counters.errors(), rate,
						(etaSeconds != null) ? format(Duration.ofSeconds(etaSeconds)) : "unknown"),
				Map.of("event.action", "progress", "progress", progress));
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		ClipRunCounters counters = counters();
		double seconds = Math.max(1e-3, (System.nanoTime() - this.startNanos) / 1e9);
		logger.info(RULE);
		logger.info("CLIP Visual Embedding Backfill " + stepExecution.getStatus());
		long processedNow = processed() - this.processedAtStart;
		logger.info("Processed: " + processed() + ((this.processedAtStart > 0) ? " (this execution " + processedNow + ")" : ""));
		logger.info("Updated: " + counters.updated());
		logger.info("Skipped (dry run): " + counters.dryRun());
		logger.info("No thumbnail (no_thumbnail, never fetched): " + this.withoutThumbnail);
		logger.info("Errors: " + counters.errors());
		for (Map.Entry<String, Long> error : counters.errorsByCode().entrySet()) {
			logger.info("  " + error.getKey() + ": " + error.getValue());
		}
		logger.info(String.format("Duration: %s (%.1f scenes/s)", format(Duration.ofMillis(Math.round(seconds * 1000))),
				processedNow / seconds));
		logger.info(RULE);
		return stepExecution.getExitStatus();
	}

	private Map<String, Object> settings(ClipSceneSelection selection) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("batch_size", this.parameters.batchSize());
		settings.put("max_scenes", this.parameters.maxScenes());
		settings.put("processing_delay_s", this.parameters.processingDelaySeconds());
		settings.put("clip_timeout_s", this.parameters.clipTimeoutSeconds());
		settings.put("dry_run", this.parameters.dryRun());
		settings.put("model_name", this.clip.modelName());
		settings.put("pretrained", this.clip.pretrained());
		settings.put("device", this.clip.device());
		settings.put("model", modelSource());
		settings.put("selection", selection.describe());
		settings.put("scenes_to_process", this.pendingAtStart);
		settings.put("without_thumbnail", this.withoutThumbnail);
		return settings;
	}

	/** Scenes processed by the whole job instance, resumed executions included. */
	private long processed() {
		return counters().processed();
	}

	private ClipRunCounters counters() {
		return new ClipRunCounters(this.stepExecution.getExecutionContext());
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

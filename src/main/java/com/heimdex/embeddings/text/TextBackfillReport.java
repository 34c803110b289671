package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.TextSceneCounts;
import com.heimdex.embeddings.scene.TextSceneSelection;
import com.heimdex.embeddings.batch.StructuredLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * What operators read in the log: the seeds' start banner, a progress line per chunk
 * ({@code Progress: done/total (pct) - processed, skipped, failed}) and the seeds' final summary
 * with requests, tokens, cache hits, budget use and, for a dry run, the estimate and its cost.
 */
class TextBackfillReport implements StepExecutionListener, ItemWriteListener<PendingTextScene> {

	private static final Logger logger = LoggerFactory.getLogger(TextBackfillReport.class);

	private final TextBackfillParameters parameters;

	private final TextSceneSelection selection;

	private final TextEmbeddingProperties settings;

	private final String endpoint;

	private final TextSceneCounts sceneCounts;

	private StepExecution stepExecution;

	private long total;

	private long doneAtStart;

	private long elapsedAtStartMillis;

	private long startNanos;

	TextBackfillReport(TextBackfillParameters parameters, TextEmbeddingProperties settings, String endpoint,
			TextSceneCounts sceneCounts) {
		this.parameters = parameters;
		this.selection = parameters.selection(settings);
		this.settings = settings;
		this.endpoint = endpoint;
		this.sceneCounts = sceneCounts;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		this.startNanos = System.nanoTime();
		TextRunCounters counters = counters();
		counters.recordBudgets(this.settings);
		this.doneAtStart = counters.done();
		this.elapsedAtStartMillis = counters.get(TextRunCounters.ELAPSED_MILLIS);
		long pending = this.sceneCounts.pending(this.selection);
		long remaining = (this.parameters.maxScenes() != null)
				? Math.max(0, Math.min(pending, this.parameters.maxScenes() - this.doneAtStart)) : pending;
		this.total = this.doneAtStart + remaining;
		StructuredLog.info(logger, "Starting text embedding backfill job" + ((this.doneAtStart > 0) ? " (resumed)" : "")
				+ (this.parameters.dryRun() ? " (DRY RUN: nothing will be sent or written)" : "") + "...",
				Map.of("event.action", "job_start", "settings", settings(remaining)));
		logger.info("Configuration: batch_size=" + this.parameters.batchSize() + ", force_update="
				+ this.parameters.force() + ", dry_run=" + this.parameters.dryRun() + ", max_scenes="
				+ ((this.parameters.maxScenes() != null) ? this.parameters.maxScenes() : "unlimited"));
		logger.info("Embedding service: model " + this.settings.model() + " (" + this.settings.dimensions()
				+ " dimensions) at " + this.endpoint + "; limits " + this.settings.requestsPerMinute()
				+ " requests/min, " + this.settings.tokensPerMinute() + " tokens/min");
		logger.info("Selection: " + this.selection.describe());
		logger.info("Found " + remaining + " scenes to process");
	}

	private Map<String, Object> settings(long remaining) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("batch_size", this.parameters.batchSize());
		settings.put("force_update", this.parameters.force());
		settings.put("dry_run", this.parameters.dryRun());
		settings.put("max_scenes", this.parameters.maxScenes());
		settings.put("model", this.settings.model());
		settings.put("dimensions", this.settings.dimensions());
		settings.put("endpoint", this.endpoint);
		settings.put("requests_per_minute", this.settings.requestsPerMinute());
		settings.put("tokens_per_minute", this.settings.tokensPerMinute());
		settings.put("selection", this.selection.describe());
		settings.put("scenes_to_process", remaining);
		return settings;
	}

	@Override
	public void afterWrite(Chunk<? extends PendingTextScene> chunk) {
		TextRunCounters counters = counters();
		counters.setElapsedMillis(elapsedMillis());
		long done = counters.done();
		double seconds = Math.max(1e-3, (System.nanoTime() - this.startNanos) / 1e9);
		double rate = (done - this.doneAtStart) / seconds;
		long remaining = Math.max(0, this.total - done);
		Long etaSeconds = (rate > 0) ? Math.round(remaining / rate) : null;
		Map<String, Object> progress = new LinkedHashMap<>();
		progress.put("done", done);
		progress.put("total", this.total);
		progress.put("processed", counters.get(TextRunCounters.PROCESSED));
		progress.put("skipped", counters.get(TextRunCounters.SKIPPED));
		progress.put("failed", counters.get(TextRunCounters.FAILED));
		progress.put("requests", counters.get(TextRunCounters.REQUESTS));
		progress.put("cache_hits", counters.get(TextRunCounters.CACHE_HITS));
		progress.put("scenes_per_second", Math.round(rate * 10) / 10.0);
		progress.put("eta_seconds", etaSeconds);
		StructuredLog.info(logger, String.format(
				"Progress: %d/%d (%.1f%%) - processed: %d, skipped: %d, failed: %d - requests: %d, cache hits: %d"
						+ " (%.1f scenes/s, ETA %s)",
				done, this.total, (this.total == 0) ? 100.0 : 100.0 * done / this.total,
				counters.get(TextRunCounters.PROCESSED), counters.get(TextRunCounters.SKIPPED),
				counters.get(TextRunCounters.FAILED), counters.get(TextRunCounters.REQUESTS),
				counters.get(TextRunCounters.CACHE_HITS), rate,
				(etaSeconds != null) ? format(Duration.ofSeconds(etaSeconds)) : "unknown"),
				Map.of("event.action", "progress", "progress", progress));
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		TextRunCounters counters = counters();
		counters.setElapsedMillis(elapsedMillis());
		TextBackfillSummary summary = TextBackfillSummary.of(stepExecution.getExecutionContext());
		logger.info("=== Backfill Summary ===");
		logger.info("Total scenes: " + this.total);
		logger.info("Processed: " + summary.processed());
		logger.info("Skipped: " + summary.skipped());
		logger.info("Failed: " + summary.failed());
		summary.errorsByCode().forEach((code, count) -> logger.info("  " + code + ": " + count));
		logger.info("Duration: " + format(summary.elapsed()));
		logger.info("Average time per scene: " + summary.averagePerScene().toMillis() + "ms");
		logger.info("Channel texts: " + summary.texts() + " " + summary.byChannel() + ", cache hits: "
				+ summary.cacheHits());
		if (this.parameters.dryRun()) {
			logger.info(String.format("Dry run estimate: %d texts to embed, %d tokens, %d requests, estimated cost $%.4f"
					+ " at $%s per million tokens", summary.dryRunTexts(), summary.dryRunTokens(),
					summary.dryRunRequests(), summary.dryRunCostUsd(), this.settings.pricePerMillionTokens()));
		}
		else {
			logger.info(String.format("Requests sent: %d (%.2f per 100 scenes), tokens: %d, texts sent: %d",
					summary.requestsSent(), summary.requestsPer100Scenes(), summary.tokensUsed(), summary.textsSent()));
			logger.info(String.format("Budget use: requests %.1f%% of %d/min, tokens %.1f%% of %d/min",
					100 * summary.requestBudgetUse(), summary.requestsPerMinute(), 100 * summary.tokenBudgetUse(),
					summary.tokensPerMinute()));
		}
		if (stepExecution.getFailureExceptions().isEmpty()) {
			if (summary.failed() == 0) {
				logger.info("Backfill completed successfully!");
			}
			return stepExecution.getExitStatus();
		}
		String reason = "Stopped: " + stopReason(stepExecution.getFailureExceptions().get(0));
		logger.error(reason);
		return stepExecution.getExitStatus().addExitDescription(reason);
	}

	private static String stopReason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof EmbeddingAuthenticationException) {
				return cause.getMessage() + "; nothing of the chunk was written. Fix the key, then run the same command"
						+ " again to resume.";
			}
			if (cause instanceof EmbeddingEndpointException) {
				return cause.getMessage() + "; nothing of the chunk was written. Fix the settings, then run the same"
						+ " command again to resume.";
			}
		}
		return failure + ". Run the same command again to resume at the last committed chunk.";
	}

	private long elapsedMillis() {
		return this.elapsedAtStartMillis + (System.nanoTime() - this.startNanos) / 1_000_000;
	}

	private TextRunCounters counters() {
		return new TextRunCounters(this.stepExecution.getExecutionContext());
	}

	private static String format(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 3600) ? String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
				: (seconds >= 60) ? String.format("%dm%02ds", seconds / 60, seconds % 60)
						: String.format("%.1fs", duration.toMillis() / 1000.0);
	}

}

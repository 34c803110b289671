package com.heimdex.embeddings.text;

import java.time.Duration;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.TextSceneCounts;
import com.heimdex.embeddings.scene.TextSceneSelection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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

	private static final Log logger = LogFactory.getLog(TextBackfillReport.class);

	static final String PROCESSED = "processed";

	static final String SKIPPED = "skipped";

	static final String FAILED = "failed";

	static final String TEXTS = "texts";

	static final String CACHE_HITS = "cacheHits";

	static final String SENT = "sent";

	static final String REQUESTS = "requests";

	static final String TOKENS = "tokens";

	static final String ELAPSED_MILLIS = "elapsedMillis";

	static final String DRY_RUN_TEXTS = "dryRun.texts";

	static final String DRY_RUN_REQUESTS = "dryRun.requests";

	static final String DRY_RUN_TOKENS = "dryRun.tokens";

	static final String REQUESTS_PER_MINUTE = "requestsPerMinute";

	static final String TOKENS_PER_MINUTE = "tokensPerMinute";

	static final String PRICE_PER_MILLION_TOKENS = "pricePerMillionTokens";

	static final String CHANNEL_PREFIX = "channel.";

	static final String ERROR_PREFIX = "error.";

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
		RunCounters counters = counters();
		counters.startExecution();
		counters.set(REQUESTS_PER_MINUTE, this.settings.requestsPerMinute());
		counters.set(TOKENS_PER_MINUTE, this.settings.tokensPerMinute());
		counters.setDouble(PRICE_PER_MILLION_TOKENS, this.settings.pricePerMillionTokens());
		this.doneAtStart = done(counters);
		this.elapsedAtStartMillis = counters.total(ELAPSED_MILLIS);
		long pending = this.sceneCounts.pending(this.selection);
		long remaining = this.parameters.scope().toDo(pending, this.doneAtStart);
		this.total = this.doneAtStart + remaining;
		logger.info("Starting text embedding backfill job" + ((this.doneAtStart > 0) ? " (resumed)" : "")
				+ (this.parameters.dryRun() ? " (DRY RUN: nothing will be sent or written)" : "") + "...");
		logger.info("Configuration: batch_size=" + this.parameters.batchSize() + ", force_update="
				+ this.parameters.force() + ", dry_run=" + this.parameters.dryRun() + ", max_scenes="
				+ this.parameters.scope().maxScenesText());
		logger.info("Embedding service: model " + this.settings.model() + " (" + this.settings.dimensions()
				+ " dimensions) at " + this.endpoint + "; limits " + this.settings.requestsPerMinute()
				+ " requests/min, " + this.settings.tokensPerMinute() + " tokens/min");
		logger.info("Selection: " + this.selection.describe());
		logger.info("Found " + remaining + " scenes to process");
	}

	@Override
	public void afterWrite(Chunk<? extends PendingTextScene> chunk) {
		RunCounters counters = counters();
		recordElapsed(counters);
		long done = done(counters);
		double seconds = Math.max(1e-3, (System.nanoTime() - this.startNanos) / 1e9);
		double rate = (done - this.doneAtStart) / seconds;
		long remaining = Math.max(0, this.total - done);
		logger.info(String.format(
				"Progress: %d/%d (%.1f%%) - processed: %d, skipped: %d, failed: %d - requests: %d, cache hits: %d"
						+ " (%.1f scenes/s, ETA %s)",
				done, this.total, (this.total == 0) ? 100.0 : 100.0 * done / this.total,
				counters.total(PROCESSED), counters.total(SKIPPED),
				counters.total(FAILED), counters.total(REQUESTS),
				counters.total(CACHE_HITS), rate,
				(rate > 0) ? format(Duration.ofSeconds(Math.round(remaining / rate))) : "unknown"));
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		recordElapsed(counters());
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

	/** Working time of the instance's executions: what the executions before this one took, and this one's. */
	private void recordElapsed(RunCounters counters) {
		long elapsed = this.elapsedAtStartMillis + (System.nanoTime() - this.startNanos) / 1_000_000;
		counters.add(ELAPSED_MILLIS, elapsed - counters.total(ELAPSED_MILLIS));
	}

	private RunCounters counters() {
		return counters(this.stepExecution);
	}

	/** The {@code text.*} counters of the step. */
	static RunCounters counters(StepExecution stepExecution) {
		return new RunCounters(stepExecution.getExecutionContext(), "text.");
	}

	/** Scenes done: processed, skipped (dry run) or failed. */
	static long done(RunCounters counters) {
		return counters.total(PROCESSED) + counters.total(SKIPPED) + counters.total(FAILED);
	}

	private static String format(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds >= 3600) ? String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
				: (seconds >= 60) ? String.format("%dm%02ds", seconds / 60, seconds % 60)
						: String.format("%.1fs", duration.toMillis() / 1000.0);
	}

}

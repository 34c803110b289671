package com.heimdex.embeddings.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.batch.RunProgress;
import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.SceneCounts;
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
 * What operators read in the log: the seeds' start banner, the progress line per chunk and the
 * summary every job logs ({@link RunProgress}), with the seeds' figures: requests, tokens, cache
 * hits, budget use and, for a dry run, the estimate and its cost.
 */
class TextBackfillReport implements StepExecutionListener, ItemWriteListener<PendingTextScene> {

	private static final Logger logger = LoggerFactory.getLogger(TextBackfillReport.class);

	static final String PROCESSED = "processed";

	static final String SKIPPED = "skipped";

	static final String FAILED = "failed";

	static final String TEXTS = "texts";

	static final String CACHE_HITS = "cacheHits";

	static final String SENT = "sent";

	static final String REQUESTS = "requests";

	static final String TOKENS = "tokens";

	/** Requests the server answered 429 (pacing included). */
	static final String RATE_LIMITED = "rateLimited";

	static final String ELAPSED_MILLIS = "elapsedMillis";

	static final String DRY_RUN_TEXTS = "dryRun.texts";

	static final String DRY_RUN_REQUESTS = "dryRun.requests";

	static final String DRY_RUN_TOKENS = "dryRun.tokens";

	static final String REQUESTS_PER_MINUTE = "requestsPerMinute";

	static final String TOKENS_PER_MINUTE = "tokensPerMinute";

	static final String PRICE_PER_MILLION_TOKENS = "pricePerMillionTokens";

	static final String CHANNEL_PREFIX = "channel.";

	private final TextBackfillParameters parameters;

	private final TextSceneSelection selection;

	private final TextEmbeddingProperties settings;

	private final String endpoint;

	private final SceneCounts sceneCounts;

	private StepExecution stepExecution;

	private RunProgress progress;

	private long elapsedAtStartMillis;

	TextBackfillReport(TextBackfillParameters parameters, TextEmbeddingProperties settings, String endpoint,
			SceneCounts sceneCounts) {
		this.parameters = parameters;
		this.selection = parameters.selection(settings);
		this.settings = settings;
		this.endpoint = endpoint;
		this.sceneCounts = sceneCounts;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		RunCounters counters = counters();
		counters.startExecution();
		counters.set(REQUESTS_PER_MINUTE, this.settings.requestsPerMinute());
		counters.set(TOKENS_PER_MINUTE, this.settings.tokensPerMinute());
		counters.setDouble(PRICE_PER_MILLION_TOKENS, this.settings.pricePerMillionTokens());
		long doneAtStart = done(counters);
		this.elapsedAtStartMillis = counters.total(ELAPSED_MILLIS);
		long pending = this.sceneCounts.pending(this.selection);
		long remaining = this.parameters.scope().toDo(pending, doneAtStart);
		this.progress = new RunProgress(doneAtStart, remaining);
		this.progress.publish(stepExecution.getExecutionContext());
		StructuredLog.info(logger, "Starting text embedding backfill job" + ((doneAtStart > 0) ? " (resumed)" : "")
				+ (this.parameters.dryRun() ? " (DRY RUN: nothing will be sent or written)" : "") + "...",
				Map.of("event.action", "job_start", "settings", settings(remaining)));
		logger.info("Configuration: batch_size=" + this.parameters.batchSize() + ", force_update="
				+ this.parameters.force() + ", dry_run=" + this.parameters.dryRun() + ", max_scenes="
				+ this.parameters.scope().maxScenesText());
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
		settings.put("max_scenes", this.parameters.scope().maxScenes());
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
		RunCounters counters = counters();
		recordElapsed(counters);
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("processed", counters.total(PROCESSED));
		counts.put("skipped", counters.total(SKIPPED));
		counts.put("failed", counters.total(FAILED));
		counts.put("requests", counters.total(REQUESTS));
		counts.put("cache_hits", counters.total(CACHE_HITS));
		this.progress.log(logger, done(counters), counts);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		recordElapsed(counters());
		TextBackfillSummary summary = TextBackfillSummary.of(stepExecution.getExecutionContext());
		List<String> details = new ArrayList<>();
		details.add("Channel texts: " + summary.texts() + " " + summary.byChannel() + ", cache hits: "
				+ summary.cacheHits());
		if (this.parameters.dryRun()) {
			details.add(String.format("Dry run estimate: %d texts to embed, %d tokens, %d requests, estimated cost $%.4f"
					+ " at $%s per million tokens", summary.dryRunTexts(), summary.dryRunTokens(),
					summary.dryRunRequests(), summary.dryRunCostUsd(), this.settings.pricePerMillionTokens()));
		}
		else {
			details.add(String.format("Requests sent: %d (%.2f per 100 scenes), tokens: %d, texts sent: %d",
					summary.requestsSent(), summary.requestsPer100Scenes(), summary.tokensUsed(), summary.textsSent()));
			details.add(String.format("Budget use: requests %.1f%% of %d/min, tokens %.1f%% of %d/min",
					100 * summary.requestBudgetUse(), summary.requestsPerMinute(), 100 * summary.tokenBudgetUse(),
					summary.tokensPerMinute()));
		}
		this.progress.logSummary(logger, "Text Embedding Backfill", stepExecution.getStatus(), summary.scenes(),
				List.of("Processed: " + summary.processed(), "Skipped: " + summary.skipped(),
						"Failed: " + summary.failed()),
				summary.errorsByCode(), details);
		if (stepExecution.getFailureExceptions().isEmpty() && summary.failed() == 0) {
			logger.info("Backfill completed successfully!");
		}
		return RunProgress.exitStatus(logger, stepExecution, (cause) -> (cause instanceof EmbeddingAuthenticationException)
				? "Fix the key" : (cause instanceof EmbeddingEndpointException) ? "Fix the settings" : null);
	}

	/** Working time of the instance's executions: what the executions before this one took, and this one's. */
	private void recordElapsed(RunCounters counters) {
		long elapsed = this.elapsedAtStartMillis + this.progress.elapsed().toMillis();
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

}

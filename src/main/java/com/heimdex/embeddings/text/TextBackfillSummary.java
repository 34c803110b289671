package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.Map;

import com.heimdex.embeddings.batch.RunCounters;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a {@code textBackfill} run did, over its whole job instance (resumed executions included),
 * read from the step's execution context: the seeds' summary figures plus what the endpoint was
 * asked for. Benchmarks and operators read it from a finished {@link JobExecution}.
 *
 * @param processed scenes whose every pending channel got a vector
 * @param skipped scenes a dry run read and left alone
 * @param failed scenes with at least one channel that got no vector (recorded in its metadata)
 * @param texts channel texts handled (or, in a dry run, to handle)
 * @param cacheHits channel texts whose vector came (or would come) from the cache
 * @param textsSent distinct texts sent to the endpoint
 * @param requestsSent HTTP requests sent, retries included
 * @param tokensUsed tokens the endpoint counted
 * @param byChannel channel texts embedded (or, in a dry run, to embed) by channel
 * @param errorsByCode failed channel texts by error code
 * @param elapsed working time of the instance's executions
 * @param requestsPerMinute the client's request budget during the run
 * @param tokensPerMinute the client's token budget during the run
 * @param dryRunTexts distinct texts a dry run would send
 * @param dryRunRequests requests a dry run would send
 * @param dryRunTokens tokens a dry run would send
 * @param dryRunCostUsd {@code dryRunTokens} at the configured price per million tokens
 */
public record TextBackfillSummary(long processed, long skipped, long failed, long texts, long cacheHits,
		long textsSent, long requestsSent, long tokensUsed, Map<String, Long> byChannel,
		Map<String, Long> errorsByCode, Duration elapsed, long requestsPerMinute, long tokensPerMinute,
		long dryRunTexts, long dryRunRequests, long dryRunTokens, double dryRunCostUsd) {

	/** The summary of a {@code textBackfill} execution. */
	public static TextBackfillSummary of(JobExecution execution) {
		StepExecution step = execution.getStepExecutions()
			.stream()
			.filter((candidate) -> candidate.getStepName().equals(TextBackfillJobConfiguration.STEP_NAME))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("execution " + execution.getId() + " has no "
					+ TextBackfillJobConfiguration.STEP_NAME));
		return of(step.getExecutionContext());
	}

	static TextBackfillSummary of(ExecutionContext context) {
		RunCounters counters = new RunCounters(context, "text.");
		long dryRunTokens = counters.total(TextBackfillReport.DRY_RUN_TOKENS);
		return new TextBackfillSummary(counters.total(TextBackfillReport.PROCESSED), counters.total(TextBackfillReport.SKIPPED),
				counters.total(TextBackfillReport.FAILED), counters.total(TextBackfillReport.TEXTS),
				counters.total(TextBackfillReport.CACHE_HITS), counters.total(TextBackfillReport.SENT),
				counters.total(TextBackfillReport.REQUESTS), counters.total(TextBackfillReport.TOKENS), counters.totals(TextBackfillReport.CHANNEL_PREFIX),
				counters.errorsByCode(), Duration.ofMillis(counters.total(TextBackfillReport.ELAPSED_MILLIS)),
				counters.total(TextBackfillReport.REQUESTS_PER_MINUTE), counters.total(TextBackfillReport.TOKENS_PER_MINUTE),
				counters.total(TextBackfillReport.DRY_RUN_TEXTS), counters.total(TextBackfillReport.DRY_RUN_REQUESTS),
				dryRunTokens, dryRunTokens * counters.getDouble(TextBackfillReport.PRICE_PER_MILLION_TOKENS) / 1_000_000);
	}

	/** Scenes done: processed, skipped or failed. */
	public long scenes() {
		return this.processed + this.skipped + this.failed;
	}

	/** Requests sent per 100 scenes done (the target is at most 1). */
	public double requestsPer100Scenes() {
		return (scenes() == 0) ? 0 : 100.0 * this.requestsSent / scenes();
	}

	/** Average working time per scene done. */
	public Duration averagePerScene() {
		return (scenes() == 0) ? Duration.ZERO : this.elapsed.dividedBy(scenes());
	}

	/** Requests sent as a fraction of what the request budget allowed over the elapsed time (at most 1). */
	public double requestBudgetUse() {
		return use(this.requestsSent, this.requestsPerMinute);
	}

	/** Tokens used as a fraction of what the token budget allowed over the elapsed time (at most 1). */
	public double tokenBudgetUse() {
		return use(this.tokensUsed, this.tokensPerMinute);
	}

	/**
	 * The client's budgets start full (one minute's worth) and refill at the per-minute rate, so
	 * over {@code t} minutes they allow {@code perMinute * (1 + t)}.
	 */
	private double use(long spent, long perMinute) {
		double minutes = this.elapsed.toNanos() / 60e9;
		return (perMinute == 0 || minutes <= 0) ? 0 : spent / (perMinute * (1 + minutes));
	}

}

package com.heimdex.embeddings.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One way the text bench runs {@code textBackfill}: the chunk size, the limits the simulated
 * server enforces on itself (an account's limits), and the budget the job is configured with.
 *
 * @param name how the report calls it
 * @param description what it shows
 * @param batchSize scenes per chunk ({@code batchSize} job parameter)
 * @param server what the server accepts per minute before it answers 429 with Retry-After
 * @param client the job's {@code EMBEDDING_REQUESTS_PER_MINUTE} / {@code EMBEDDING_TOKENS_PER_MINUTE},
 * or {@code null} for the production defaults
 */
record TextBenchScenario(String name, String description, int batchSize, Budget server, Budget client) {

	static final List<String> NAMES = List.of("tokens", "requests", "throttled");

	/** Chunks whose texts pack into one request each: the target of at most 1 request per 100 scenes. */
	private static final int PACKED_BATCH_SIZE = 100;

	/** Small chunks, so that requests rather than tokens bind. */
	private static final int SMALL_BATCH_SIZE = 10;

	/** A budget that does not bind. */
	private static final long UNBOUND = 10_000_000;

	/** The job refuses a token budget below its longest input (EMBEDDING_MAX_INPUT_TOKENS). */
	private static final long SMALLEST_TOKEN_BUDGET = 8191;

	/**
	 * Requests and tokens per minute; each is a bucket holding one minute's worth that refills over
	 * the minute, on the server as in the client.
	 */
	record Budget(long requestsPerMinute, long tokensPerMinute) {
	}

	/**
	 * The scenario named {@code name} for a run of {@code scenes} scenes whose texts hold
	 * {@code tokens} tokens, with the binding budget set so that the run lasts about {@code minutes}
	 * after its first minute's burst.
	 */
	static TextBenchScenario of(String name, int scenes, long tokens, double minutes) {
		long tokenBudget = Math.max(SMALLEST_TOKEN_BUDGET, Math.round(tokens / (1 + minutes)));
		return switch (name) {
			case "tokens" -> new TextBenchScenario(name, "tokens bind; the job's budget is the server's",
					PACKED_BATCH_SIZE, new Budget(UNBOUND, tokenBudget), new Budget(UNBOUND, tokenBudget));
			case "requests" -> {
				long requests = (scenes + SMALL_BATCH_SIZE - 1) / SMALL_BATCH_SIZE;
				long requestBudget = Math.max(1, Math.round(requests / (1 + minutes)));
				yield new TextBenchScenario(name, "requests bind (batchSize=" + SMALL_BATCH_SIZE
						+ "); the job's budget is the server's", SMALL_BATCH_SIZE, new Budget(requestBudget, UNBOUND),
						new Budget(requestBudget, UNBOUND));
			}
			case "throttled" -> new TextBenchScenario(name, "tokens bind at the server only; the job keeps its"
					+ " default budget, so the server's 429 + Retry-After throttles it", PACKED_BATCH_SIZE,
					new Budget(UNBOUND, tokenBudget), null);
			default -> throw new IllegalArgumentException("unknown scenario " + name);
		};
	}

	/** The job's job parameters. */
	List<String> jobArguments() {
		return List.of("start", "textBackfill", "batchSize=" + this.batchSize);
	}

	/** The job's budget settings, none for the production defaults. */
	Map<String, String> clientEnvironment() {
		Map<String, String> environment = new HashMap<>();
		if (this.client != null) {
			environment.put("EMBEDDING_REQUESTS_PER_MINUTE", Long.toString(this.client.requestsPerMinute()));
			environment.put("EMBEDDING_TOKENS_PER_MINUTE", Long.toString(this.client.tokensPerMinute()));
		}
		return environment;
	}

}

package com.heimdex.embeddings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.text.FakeEmbeddingServer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The text backfill bench: for each scenario (tokens bind, requests bind, the server alone
 * throttles), a fresh database of scenes with short texts, a simulated OpenAI-compatible server
 * that enforces its own requests/tokens-per-minute limits (429 with Retry-After beyond them), and
 * {@code textBackfill} run end to end by the built jar against it. The binding budget is set from
 * the run's own total so that each run lasts about {@code minutes} after its first minute. Prints
 * requests per 100 scenes, the rates the server accepted and the share of the budget they used,
 * the 429s and the texts lost. Needs {@code TEST_DATABASE_URL} (a PostgreSQL + pgvector server
 * where databases may be created).
 * <p>
 * Options ({@code --name=value}): {@code scenes} (3000), {@code minutes} (1.5), {@code scenarios}
 * (tokens,requests,throttled), {@code jar} (target/scene-embedding-jobs.jar), {@code logs}.
 */
public final class TextBench {

	private static final long SEED = 42;

	private final TextBenchOptions options;

	private final JobProcess jobs;

	TextBench(TextBenchOptions options) throws IOException {
		this.options = options;
		this.jobs = new JobProcess(options.jar(), Files.createDirectories(options.logDirectory()));
	}

	public static void main(String[] args) throws Exception {
		List<TextBenchResult> results = new TextBench(TextBenchOptions.parse(args)).run();
		System.out.println();
		System.out.print(TextBenchResult.table(results));
	}

	List<TextBenchResult> run() throws IOException, InterruptedException {
		List<TextBenchScenes.SceneTexts> texts = TextBenchScenes.generate(this.options.scenes(), SEED);
		long tokens = TextBenchScenes.tokens(texts);
		System.out.printf("Text backfill bench: %d cores, %d scenes, %d channel texts, %d tokens (%.0f per scene)%n",
				Runtime.getRuntime().availableProcessors(), texts.size(), 2L * texts.size(), tokens,
				tokens / (double) texts.size());
		List<TextBenchResult> results = new ArrayList<>();
		for (String name : this.options.scenarios()) {
			TextBenchScenario scenario = TextBenchScenario.of(name, texts.size(), tokens, this.options.minutes());
			TextBenchResult result = measure(scenario, texts, tokens);
			System.out.print(result.report());
			results.add(result);
		}
		return results;
	}

	private TextBenchResult measure(TextBenchScenario scenario, List<TextBenchScenes.SceneTexts> texts, long tokens)
			throws IOException, InterruptedException {
		try (TestDatabase database = TestDatabase.create(TextBench.class);
				FakeEmbeddingServer server = new FakeEmbeddingServer()) {
			Map<String, String> environment = new HashMap<>();
			environment.put("DATABASE_URL", database.libpqUrl());
			environment.put("OPENAI_BASE_URL", server.baseUrl());
			environment.put("OPENAI_API_KEY", "bench-key");
			environment.putAll(scenario.clientEnvironment());
			check(this.jobs.run(environment, "status"), "status");
			JdbcTemplate jdbc = database.jdbcTemplate();
			TextBenchScenes.insert(jdbc, texts);
			// The limits start now, with a full minute's worth, as an account's limits do for a client
			// that has not sent anything for a minute.
			server.enforceLimits(scenario.server().requestsPerMinute(), scenario.server().tokensPerMinute(),
					Duration.ofMinutes(1));
			System.out.printf("%s: textBackfill end to end on %d scenes...%n", scenario.name(), texts.size());
			JobProcess.Outcome outcome = check(this.jobs.run(environment,
					scenario.jobArguments().toArray(String[]::new)), "textBackfill");
			List<FakeEmbeddingServer.RecordedRequest> requests = server.requests();
			writeRequestLog(scenario, requests);
			return new TextBenchResult(scenario, texts.size(), 2L * texts.size(), tokens, ServerLoad.of(requests),
					TextBenchScenes.failures(jdbc), outcome.wallSeconds());
		}
	}

	/** What the server received, one line per request: seconds since its start, inputs, tokens, status. */
	private void writeRequestLog(TextBenchScenario scenario, List<FakeEmbeddingServer.RecordedRequest> requests)
			throws IOException {
		List<String> lines = new ArrayList<>(List.of("seconds,inputs,tokens,status"));
		requests.forEach((request) -> lines.add(String.format(Locale.ROOT, "%.3f,%d,%d,%d", request.receivedNanos() / 1e9,
				request.inputs().size(), request.tokens(), request.status())));
		Files.write(this.options.logDirectory().resolve("requests-" + scenario.name() + ".csv"), lines);
	}

	private static JobProcess.Outcome check(JobProcess.Outcome outcome, String command) {
		if (outcome.exitCode() != 0) {
			throw new IllegalStateException(command + " exited with " + outcome.exitCode() + "; log: " + outcome.log());
		}
		return outcome;
	}

}

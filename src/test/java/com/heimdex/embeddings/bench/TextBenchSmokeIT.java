package com.heimdex.embeddings.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small run of the text bench (bench/run-text.sh runs the real one): a few hundred scenes, every
 * scenario, the built jar end to end against the throttling simulated server.
 */
class TextBenchSmokeIT {

	@TempDir
	Path directory;

	@Test
	void packsTheTextsLosesNothingAndStaysWithinTheServersBudget() throws Exception {
		// given: budgets such that each scenario lasts about 6 s after its first minute's burst
		TextBenchOptions options = TextBenchOptions.parse("--scenes=300", "--minutes=0.1", "--logs=" + this.directory,
				"--jar=" + System.getProperty("application.jar", "target/scene-embedding-jobs.jar"));

		// when
		List<TextBenchResult> results = new TextBench(options).run();

		// then
		assertThat(results).extracting((result) -> result.scenario().name())
			.containsExactly("tokens", "requests", "throttled");
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.failures()).as("channel texts lost").isZero();
			assertThat(result.texts()).isEqualTo(600);
			assertThat(result.load().received()).isEqualTo(result.load().accepted() + result.load().throttled());
			assertThat(result.budgetUse()).as("share of the server's binding budget").isPositive().isLessThanOrEqualTo(1.01);
		});
		TextBenchResult tokens = results.get(0);
		TextBenchResult requests = results.get(1);
		TextBenchResult throttled = results.get(2);
		assertThat(tokens.requestsBind()).isFalse();
		assertThat(tokens.acceptedPer100Scenes()).as("requests accepted per 100 scenes").isLessThanOrEqualTo(1.0);
		assertThat(tokens.load().acceptedTokens()).isEqualTo(tokens.tokens());
		assertThat(requests.requestsBind()).isTrue();
		assertThat(requests.load().accepted()).as("one request per chunk of 10 scenes").isEqualTo(30);
		assertThat(throttled.requestsBind()).isFalse();
		assertThat(throttled.acceptedPer100Scenes()).isLessThanOrEqualTo(1.0);
		assertThat(throttled.load().throttled()).as("429 answers to a job whose budget exceeds the server's").isPositive();
		assertThat(TextBenchResult.table(results)).contains("tokens", "requests", "throttled", "sent/100");
		assertThat(this.directory.resolve("requests-throttled.csv")).exists();
		assertThat(Files.readAllLines(this.directory.resolve("requests-throttled.csv")))
			.hasSize(throttled.load().received() + 1);
	}

}

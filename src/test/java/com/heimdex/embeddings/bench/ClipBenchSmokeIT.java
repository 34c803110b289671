package com.heimdex.embeddings.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small run of the CLIP bench (bench/run.sh runs the real one): the small generated model, a
 * few scenes, both configurations (the optimised one in two rounds), the built jar end to end.
 */
class ClipBenchSmokeIT {

	@TempDir
	Path directory;

	@Test
	void measuresTheSeedsLikeAndTheOptimisedConfigurationEndToEnd() throws Exception {
		// given
		BenchOptions options = BenchOptions.parse("--models=small", "--scenes=24", "--baseline-scenes=6",
				"--chunk=10", "--thumbnails=4", "--rounds=2", "--models-dir=" + this.directory,
				"--jar=" + System.getProperty("application.jar", "target/scene-embedding-jobs.jar"));

		// when
		List<BenchResult> results = new ClipBench(options).run();

		// then
		assertThat(results).extracting(BenchResult::configuration).containsExactly("seeds-like", "optimised", "optimised");
		assertThat(results).extracting(BenchResult::scenes).containsExactly(6, 24, 24);
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.modelImagesPerSecond()).isPositive();
			assertThat(result.endToEndScenesPerSecond()).isPositive();
			assertThat(result.peakRssBytes()).isGreaterThan(64L << 20);
		});
		assertThat(BenchResult.table(results)).contains("seeds-like", "optimised", "end to end scenes/s");
		assertThat(BenchResult.medians(results)).startsWith("small optimised: median ratio ").contains("of 2 rounds")
			.doesNotContain("seeds-like");
		assertThat(Files.list(this.directory)).anyMatch((file) -> file.getFileName().toString().endsWith(".onnx"));
	}

}

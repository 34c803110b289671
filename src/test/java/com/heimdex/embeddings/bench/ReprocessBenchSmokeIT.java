package com.heimdex.embeddings.bench;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small run of the reprocess bench (bench/run-reprocess.sh runs the real one): the small
 * generated model, a few scenes, clipBackfill then reprocess after a model change, the built jar.
 */
class ReprocessBenchSmokeIT {

	@TempDir
	Path directory;

	@Test
	void measuresReprocessAfterAModelChangeAgainstClipBackfillOnTheSameScenes() throws Exception {
		// given
		BenchOptions options = BenchOptions.parse("--models=small", "--scenes=30", "--chunk=10", "--thumbnails=4",
				"--models-dir=" + this.directory,
				"--jar=" + System.getProperty("application.jar", "target/scene-embedding-jobs.jar"));

		// when
		List<ReprocessBench.Result> results = new ReprocessBench(options).run();

		// then
		assertThat(results).singleElement().satisfies((result) -> {
			assertThat(result.scenes()).isEqualTo(30);
			assertThat(result.clipBackfillScenesPerSecond()).isPositive();
			assertThat(result.reprocessScenesPerSecond()).isPositive();
			assertThat(result.reprocessPeakRssBytes()).isGreaterThan(64L << 20);
		});
		assertThat(ReprocessBench.Result.table(results)).contains("clipBackfill scenes/s", "reprocess scenes/s", "ratio");
	}

}

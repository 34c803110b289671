package com.heimdex.embeddings.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.heimdex.embeddings.support.TestDatabase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small run of the scale bench (bench/run-scale.sh runs the real one): the small generated
 * model, 300 embedded scenes under the HNSW index (pages filled to 70%) and 20 pending ones, the built
 * jar end to end, then text vectors written to 20 of the embedded scenes.
 */
class ScaleBenchSmokeIT {

	private final String prefix = "sej_scale_smoke_" + UUID.randomUUID().toString().substring(0, 8) + "_";

	@TempDir
	Path directory;

	@AfterEach
	void dropTheFilledDatabase() {
		TestDatabase.named(this.prefix + "300_ff70").close();
	}

	@Test
	void embedsThePendingScenesIntoAFilledTableAndKeepsTheFillForTheNextRun() throws Exception {
		// given
		ScaleBenchOptions options = ScaleBenchOptions.parse("--embedded=300", "--pending=20", "--model=small",
				"--chunk=10", "--thumbnails=4", "--database-prefix=" + this.prefix, "--models-dir=" + this.directory,
				"--fill-factor=70", "--jar=" + System.getProperty("application.jar", "target/scene-embedding-jobs.jar"));

		// when
		List<ScaleBenchResult> results = new ScaleBench(options).run();

		// then
		assertThat(results).singleElement().satisfies((result) -> {
			assertThat(result.embedded()).isEqualTo(300);
			assertThat(result.pending()).isEqualTo(20);
			assertThat(result.modelImagesPerSecond()).isPositive();
			assertThat(result.endToEndScenesPerSecond()).isPositive();
			assertThat(result.postgresCpuMillisPerScene()).isNotNegative();
			assertThat(result.firstChunkSeconds()).isPositive().isLessThan(result.clipProcessSeconds());
			assertThat(result.helpSeconds()).isPositive();
			assertThat(result.statusSeconds()).isPositive();
			assertThat(result.idleTextSeconds()).isPositive();
			assertThat(result.fillFactor()).isEqualTo(70);
			assertThat(result.textWriteCpuMillisPerScene()).isNotNegative();
			assertThat(result.textWriteHeapOnlyShare()).as("updates with room on their page").isPositive();
		});
		assertThat(ScaleBenchResult.table(results)).contains("PG ms/scene", "idle text", "text write ms");
		JdbcTemplate jdbc = TestDatabase.named(this.prefix + "300_ff70").jdbcTemplate();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_visual_clip IS NOT NULL"
				+ " AND abs(vector_norm(embedding_visual_clip) - 1) < 1e-5", Long.class)).isEqualTo(320);
		assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes"
				+ " WHERE indexname = 'idx_video_scenes_embedding_visual_clip_hnsw'", String.class))
			.contains("hnsw", "vector_cosine_ops", "m='16'", "ef_construction='64'");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE owner_id <> ?"
				+ " AND embedding_transcript IS NOT NULL AND embedding_summary IS NOT NULL", Long.class,
				ScaleScenes.PENDING_OWNER)).isEqualTo(20);
		assertThat(ScaleScenes.fill(jdbc, 300)).satisfies((fill) -> {
			assertThat(fill.reused()).isTrue();
			assertThat(fill.fillFactor()).isEqualTo(70);
		});
	}

}

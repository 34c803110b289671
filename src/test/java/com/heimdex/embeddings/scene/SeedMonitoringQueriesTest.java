package com.heimdex.embeddings.scene;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SQL statement of the CLIP backfill guide's monitoring, verification and search sections,
 * copied unchanged, against a seeded database whose true numbers are known.
 */
class SeedMonitoringQueriesTest extends DatabaseTest {

	private final UUID ownerA = UUID.randomUUID();

	private final UUID ownerB = UUID.randomUUID();

	private final UUID reference = UUID.randomUUID();

	private final UUID nearReference = UUID.randomUUID();

	@BeforeEach
	void seedScenes() {
		this.jdbc.update("TRUNCATE videos CASCADE");
		UUID videoA = video(this.ownerA);
		UUID videoB = video(this.ownerB);
		Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
		scene(this.reference, videoA, this.ownerA, "a/1.jpg", axis(0, 1, 0), success(hourAgo, 100));
		scene(this.nearReference, videoA, this.ownerA, "a/2.jpg", axis(0, 0.9, 0.1), success(hourAgo, 200));
		scene(UUID.randomUUID(), videoA, this.ownerA, "a/3.jpg", axis(5, 1, 0), success(hourAgo, 300));
		scene(UUID.randomUUID(), videoA, this.ownerA, "a/4.jpg", axis(7, 1, 0), success(hourAgo, 400));
		scene(UUID.randomUUID(), videoA, this.ownerA, "a/5.jpg", null,
				failure(Instant.now().minus(2, ChronoUnit.HOURS), "thumbnail_not_found"));
		scene(UUID.randomUUID(), videoA, this.ownerA, "a/6.jpg", null,
				failure(Instant.now().minus(30, ChronoUnit.HOURS), "clip_timeout"));
		scene(UUID.randomUUID(), videoA, this.ownerA, "a/7.jpg", null, null);
		scene(UUID.randomUUID(), videoA, this.ownerA, null, null, null);
		// Another owner's scene identical to the reference: search must never return it for owner A.
		scene(UUID.randomUUID(), videoB, this.ownerB, "b/1.jpg", axis(0, 1, 0), success(hourAgo, 250));
	}

	@Test
	void checkBackfillProgress() {
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT
				  COUNT(*) FILTER (WHERE embedding_visual_clip IS NOT NULL) AS with_clip,
				  COUNT(*) FILTER (WHERE embedding_visual_clip IS NULL) AS without_clip,
				  ROUND(100.0 * COUNT(*) FILTER (WHERE embedding_visual_clip IS NOT NULL) / COUNT(*), 2) AS coverage_pct
				FROM video_scenes
				WHERE thumbnail_url IS NOT NULL;""");

		assertThat(row).containsEntry("with_clip", 5L).containsEntry("without_clip", 3L);
		assertThat((BigDecimal) row.get("coverage_pct")).isEqualByComparingTo("62.50");
	}

	@Test
	void checkRecentBackfills() {
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				SELECT
				  COUNT(*) AS count,
				  DATE_TRUNC('hour', (visual_clip_metadata->>'created_at')::timestamp) AS hour
				FROM video_scenes
				WHERE visual_clip_metadata IS NOT NULL
				  AND (visual_clip_metadata->>'created_at')::timestamp > NOW() - INTERVAL '24 hours'
				GROUP BY hour
				ORDER BY hour DESC;""");

		assertThat(rows.stream().mapToLong((row) -> (Long) row.get("count")).sum()).isEqualTo(6);
	}

	@Test
	void checkErrorDistribution() {
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				SELECT
				  visual_clip_metadata->>'error' AS error_type,
				  COUNT(*) AS count
				FROM video_scenes
				WHERE visual_clip_metadata->>'error' IS NOT NULL
				GROUP BY visual_clip_metadata->>'error'
				ORDER BY count DESC;""");

		assertThat(rows).extracting((row) -> row.get("error_type"))
			.containsExactlyInAnyOrder("thumbnail_not_found", "clip_timeout");
		assertThat(rows).allSatisfy((row) -> assertThat(row.get("count")).isEqualTo(1L));
	}

	@Test
	void manyTimeoutsDiagnosisRunsButOurStableCodesAreLowerCase() {
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT
				  COUNT(*) FILTER (WHERE visual_clip_metadata->>'error' LIKE '%Timeout%') AS timeouts,
				  COUNT(*) AS total_errors
				FROM video_scenes
				WHERE visual_clip_metadata->>'error' IS NOT NULL;""");

		// The guide matched free-text messages; the stable codes are lower case (jobs.md gives the
		// adapted ILIKE form), so this unchanged query counts all errors and no timeouts.
		assertThat(row).containsEntry("total_errors", 2L).containsEntry("timeouts", 0L);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM video_scenes "
				+ "WHERE visual_clip_metadata->>'error' ILIKE '%timeout%'", Long.class)).isEqualTo(1L);
	}

	@Test
	void verifyCoverage() {
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT
				  COUNT(*) FILTER (WHERE embedding_visual_clip IS NOT NULL) AS with_clip,
				  COUNT(*) AS total,
				  ROUND(100.0 * COUNT(*) FILTER (WHERE embedding_visual_clip IS NOT NULL) / COUNT(*), 2) AS coverage_pct
				FROM video_scenes
				WHERE thumbnail_url IS NOT NULL;""");

		assertThat(row).containsEntry("with_clip", 5L).containsEntry("total", 8L);
		assertThat((BigDecimal) row.get("coverage_pct")).isEqualByComparingTo("62.50");
	}

	@Test
	void postBackfillCoverage() {
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT
				  COUNT(*) FILTER (WHERE embedding_visual_clip IS NOT NULL) AS with_clip,
				  COUNT(*) FILTER (WHERE embedding_visual_clip IS NULL AND thumbnail_url IS NOT NULL) AS missing_clip,
				  COUNT(*) FILTER (WHERE thumbnail_url IS NULL) AS no_thumbnail,
				  ROUND(100.0 * COUNT(*) FILTER (WHERE embedding_visual_clip IS NOT NULL) /
				        COUNT(*) FILTER (WHERE thumbnail_url IS NOT NULL), 2) AS coverage_pct
				FROM video_scenes;""");

		assertThat(row).containsEntry("with_clip", 5L).containsEntry("missing_clip", 3L).containsEntry("no_thumbnail", 1L);
		assertThat((BigDecimal) row.get("coverage_pct")).isEqualByComparingTo("62.50");
	}

	@Test
	void averageInferenceTime() {
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT
				  AVG((visual_clip_metadata->>'inference_time_ms')::float) AS avg_ms,
				  MIN((visual_clip_metadata->>'inference_time_ms')::float) AS min_ms,
				  MAX((visual_clip_metadata->>'inference_time_ms')::float) AS max_ms
				FROM video_scenes
				WHERE visual_clip_metadata->>'inference_time_ms' IS NOT NULL;""");

		assertThat(row).containsEntry("avg_ms", 250.0).containsEntry("min_ms", 100.0).containsEntry("max_ms", 400.0);
	}

	@Test
	void errorRate() {
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT
				  COUNT(*) FILTER (WHERE visual_clip_metadata->>'error' IS NOT NULL) AS errors,
				  COUNT(*) AS total,
				  ROUND(100.0 * COUNT(*) FILTER (WHERE visual_clip_metadata->>'error' IS NOT NULL) / COUNT(*), 2) AS error_pct
				FROM video_scenes
				WHERE visual_clip_metadata IS NOT NULL;""");

		assertThat(row).containsEntry("errors", 2L).containsEntry("total", 7L);
		assertThat((BigDecimal) row.get("error_pct")).isEqualByComparingTo("28.57");
	}

	@Test
	void searchSimilarScenesOfOneOwner() {
		String guideQuery = """
				WITH reference AS (
				  SELECT embedding_visual_clip FROM video_scenes
				  WHERE id = 'reference-scene-uuid'
				)
				SELECT * FROM search_scenes_by_visual_clip_embedding(
				  query_embedding := (SELECT embedding_visual_clip FROM reference),
				  match_threshold := 0.7,
				  match_count := 10,
				  filter_user_id := 'user-uuid'
				);""";

		List<Map<String, Object>> rows = this.jdbc.queryForList(guideQuery
			.replace("reference-scene-uuid", this.reference.toString())
			.replace("user-uuid", this.ownerA.toString()));

		assertThat(rows).extracting((row) -> row.get("id")).containsExactly(this.reference, this.nearReference);
		assertThat((Double) rows.get(0).get("similarity")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
		assertThat((Double) rows.get(1).get("similarity")).isBetween(0.7, 1.0);
	}

	@Test
	void statusReportGivesTheSameNumbers() {
		SceneCoverage coverage = new SceneCoverageRepository(this.jdbc).coverage();

		assertThat(coverage.withClip()).isEqualTo(5);
		assertThat(coverage.missingClip()).isEqualTo(3);
		assertThat(coverage.noThumbnail()).isEqualTo(1);
		assertThat(coverage.clipCoveragePercent()).isEqualTo(62.5);
		assertThat(coverage.errors()).extracting(SceneCoverage.ErrorCount::error)
			.containsExactlyInAnyOrder("thumbnail_not_found", "clip_timeout");
	}

	private UUID video(UUID owner) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", id, owner);
		return id;
	}

	private void scene(UUID id, UUID video, UUID owner, String thumbnail, String embedding, String metadata) {
		this.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url,
				  embedding_visual_clip, visual_clip_metadata)
				VALUES (?, ?, ?, 0, ?, ?::vector, ?::jsonb)""", id, video, owner, thumbnail, embedding, metadata);
	}

	/** A 512-vector with {@code weight} at index {@code axis}, {@code rest} at the next index. */
	private static String axis(int axis, double weight, double rest) {
		double[] vector = new double[512];
		vector[axis] = weight;
		vector[axis + 1] = rest;
		return java.util.Arrays.toString(vector);
	}

	private static String success(Instant createdAt, double inferenceMs) {
		return """
				{"model_name": "ViT-B-32", "pretrained": "openai", "embed_dim": 512, "normalized": true,
				 "device": "cpu", "frame_path": "x.jpg", "frame_quality": null, "inference_time_ms": %s,
				 "created_at": "%s", "error": null}""".formatted(inferenceMs, createdAt);
	}

	private static String failure(Instant createdAt, String error) {
		return """
				{"model_name": "ViT-B-32", "pretrained": "openai", "embed_dim": 512, "normalized": true,
				 "device": "cpu", "frame_path": "x.jpg", "frame_quality": null, "inference_time_ms": null,
				 "created_at": "%s", "error": "%s", "error_detail": "detail"}""".formatted(createdAt, error);
	}

}

package com.heimdex.embeddings.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.clip.ClipBackfillTestSupport;
import com.heimdex.embeddings.support.PushedSeries;
import com.heimdex.embeddings.text.FakeEmbeddingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.heimdex.embeddings.metrics.PushgatewayRuns.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The built jar pushes the counters of every step of {@code reprocess} and of {@code lexicalIndex}
 * to a real Prometheus Pushgateway, whatever the counts are named: tagged by job, partition, step,
 * count and error code, with the values the run counted; and at the end of each run its coverage
 * (the spec's tables, the lexical index) and its last success.
 */
class ReprocessMetricsPushgatewayIT {

	private static final int SCENES = 30;

	private static final int MISSING_THUMBNAILS = 3;

	private PushgatewayRuns runs;

	@BeforeEach
	void setUp() throws IOException {
		this.runs = PushgatewayRuns.start(ReprocessMetricsPushgatewayIT.class, new FakeEmbeddingServer(),
				"reprocess-0", "lexicalIndex-0", "migrate");
	}

	@AfterEach
	void tearDown() throws Exception {
		this.runs.close();
	}

	@Test
	void reprocessAndLexicalIndexPushEachStepsCountersAndTheirCoverage() throws Exception {
		// given: a video whose scenes have transcripts and slow thumbnails (some missing), a video in
		// PROCESSING (left alone), and a person with one photo served and one missing
		assertThat(this.runs.jar("migrate").waitFor()).isZero();
		UUID owner = UUID.randomUUID();
		UUID video = video(owner, "READY");
		List<UUID> scenes = new ArrayList<>();
		for (int i = 0; i < SCENES; i++) {
			String path = "/scene-" + i + ".jpg";
			if (i >= MISSING_THUMBNAILS) {
				this.runs.thumbnails.slow(path, Duration.ofMillis(250), ClipBackfillTestSupport.thumbnail(i), "image/jpeg");
			}
			scenes.add(scene(video, owner, i, this.runs.thumbnails.url(path)));
		}
		scene(video(owner, "PROCESSING"), owner, 0, null);
		UUID person = UUID.randomUUID();
		this.runs.jdbc.update("INSERT INTO persons (id, owner_id, name) VALUES (?, ?, 'someone')", person, owner);
		this.runs.thumbnails.serve("/photo.jpg", ClipBackfillTestSupport.thumbnail(99), "image/jpeg");
		photo(person, owner, this.runs.thumbnails.url("/photo.jpg"));
		photo(person, owner, this.runs.thumbnails.url("/missing-photo.jpg"));
		long started = System.currentTimeMillis() / 1000;

		// when: reprocess runs every step, in chunks of 5
		Process reprocess = this.runs.jar("start", "reprocess", "scope=all", "batchSize=5");
		boolean seenMidRun = false;
		while (reprocess.isAlive()) {
			Double processed = this.runs.series("reprocess-0").value("scene_embedding_step_count_total",
					Map.of("step", "sceneClip", "count", "processed"));
			seenMidRun |= processed != null && processed > 0 && processed < SCENES;
			Thread.sleep(50);
		}

		// then: pushed during the run, and at its end each step's counts and failures by code
		assertThat(reprocess.exitValue()).as("exit code, logs in " + this.runs.logs).isZero();
		assertThat(seenMidRun).as("a push with part of the thumbnails processed, while the job ran").isTrue();
		PushedSeries series = this.runs.series("reprocess-0");
		assertThat(count(series, "scope", "videosInScope")).isEqualTo(1);
		assertThat(count(series, "scope", "videosProcessing")).isEqualTo(1);
		assertThat(count(series, "sceneText", "processed")).isEqualTo(SCENES);
		assertThat(count(series, "sceneText", "texts")).isEqualTo(SCENES);
		assertThat(count(series, "sceneText", "requests")).isEqualTo(this.runs.embeddings.requests().size()).isPositive();
		assertThat(count(series, "sceneText", "tokens")).isPositive();
		assertThat(count(series, "sceneClip", "processed")).isEqualTo(SCENES);
		assertThat(count(series, "sceneClip", "images")).isEqualTo(SCENES - MISSING_THUMBNAILS);
		assertThat(failed(series, "sceneClip", "thumbnail_not_found")).isEqualTo(MISSING_THUMBNAILS);
		assertThat(count(series, "personPhotos", "ready")).isEqualTo(1);
		assertThat(failed(series, "personPhotos", "thumbnail_not_found")).isEqualTo(1);
		assertThat(count(series, "personQuery", "withQuery")).isEqualTo(1);
		assertThat(count(series, "lexicalIndexStep", "indexed")).isEqualTo(SCENES);
		assertThat(count(series, "markCurrent", "scenesCurrent")).isEqualTo(
				this.runs.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_spec_fingerprint IS NOT NULL",
						Double.class))
			.isEqualTo(SCENES - MISSING_THUMBNAILS);
		assertThat(count(series, "markCurrent", "videosStale")).isEqualTo(1);

		// and: the spec's coverage per table, as PostgreSQL holds it, and the run's success
		assertThat(series.value("scene_embedding_spec_coverage_ratio", Map.of("table", "video_scenes")))
			.isCloseTo(this.runs.jdbc.queryForObject("""
					SELECT count(*) FILTER (WHERE embedding_spec_fingerprint IS NOT NULL)::float8 / count(*)
					FROM video_scenes""", Double.class), within(1e-9))
			.isCloseTo((SCENES - MISSING_THUMBNAILS) / (SCENES + 1.0), within(1e-9));
		assertThat(series.value("scene_embedding_spec_coverage_ratio", Map.of("table", "person_reference_photos")))
			.isEqualTo(0.5);
		assertThat(series.value("scene_embedding_spec_coverage_ratio", Map.of("table", "videos"))).isZero();
		Map<String, String> reprocessLabels = Map.of("batch_job", "reprocess", "partition", "0");
		assertThat(series.value("scene_embedding_run_success", reprocessLabels)).isEqualTo(1);
		assertThat(series.value("scene_embedding_last_success_timestamp_seconds", reprocessLabels))
			.isGreaterThanOrEqualTo(started);

		// when: three scenes' transcripts change, one scene is deleted, and lexicalIndex runs
		for (UUID scene : scenes.subList(0, 3)) {
			this.runs.jdbc.update("UPDATE video_scenes SET transcript = 'changed' WHERE id = ?", scene);
		}
		this.runs.jdbc.update("DELETE FROM video_scenes WHERE id = ?", scenes.get(SCENES - 1));
		Process lexical = this.runs.jar("start", "lexicalIndex", "scope=all");
		assertThat(lexical.waitFor(300, TimeUnit.SECONDS)).as("lexicalIndex ended, logs in " + this.runs.logs).isTrue();

		// then: in a group of its own, the documents it wrote and removed, and the lexical coverage
		// (the PROCESSING video's scene is not indexed); the reprocess group is kept
		assertThat(lexical.exitValue()).as("exit code, logs in " + this.runs.logs).isZero();
		PushedSeries lexicalSeries = this.runs.series("lexicalIndex-0");
		Map<String, String> lexicalStep = Map.of("batch_job", "lexicalIndex", "partition", "0", "step",
				"lexicalIndexStep");
		assertThat(lexicalSeries.value("scene_embedding_step_count_total", with(lexicalStep, "count", "indexed")))
			.isEqualTo(3);
		assertThat(lexicalSeries.value("scene_embedding_step_count_total", with(lexicalStep, "count", "removed")))
			.isEqualTo(1);
		assertThat(lexicalSeries.value("scene_embedding_lexical_coverage_ratio", Map.of("target", "postgresql")))
			.isCloseTo((SCENES - 1.0) / SCENES, within(1e-9));
		assertThat(lexicalSeries.value("scene_embedding_run_success", Map.of())).isEqualTo(1);
		assertThat(lexicalSeries.names()).as("the scene series are clipBackfill's and textBackfill's")
			.doesNotContain("scene_embedding_scenes_processed_total", "scene_embedding_coverage_ratio");
		assertThat(this.runs.series("reprocess-0").samples()).isNotEmpty();

		// and: the coverage the dashboard and the alert rules query is pushed, with the labels they select
		Set<String> pushed = new HashSet<>(series.names());
		pushed.addAll(lexicalSeries.names());
		assertThat(ObservabilityQueries.metricNames()).containsAll(ObservabilityQueries.REPROCESS_AND_LEXICAL_COVERAGE);
		assertThat(pushed).containsAll(ObservabilityQueries.REPROCESS_AND_LEXICAL_COVERAGE);
		List<PushedSeries.Sample> all = new ArrayList<>(series.samples());
		all.addAll(lexicalSeries.samples());
		ObservabilityQueries.selectedLabels().forEach((metric, labels) -> {
			if (ObservabilityQueries.REPROCESS_AND_LEXICAL_COVERAGE.contains(metric)) {
				assertThat(all).as("a %s series with the labels %s", metric, labels).anySatisfy((sample) -> {
					assertThat(sample.name()).isEqualTo(metric);
					assertThat(sample.labels()).containsKeys(labels.toArray(String[]::new));
				});
			}
		});
	}

	private static Double count(PushedSeries series, String step, String count) {
		return series.value("scene_embedding_step_count_total",
				Map.of("batch_job", "reprocess", "partition", "0", "step", step, "count", count));
	}

	private static Double failed(PushedSeries series, String step, String error) {
		return series.value("scene_embedding_step_failed_total",
				Map.of("batch_job", "reprocess", "partition", "0", "step", step, "error", error));
	}

	private UUID video(UUID owner, String status) {
		UUID id = UUID.randomUUID();
		this.runs.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, ?)", id, owner, status);
		return id;
	}

	private UUID scene(UUID video, UUID owner, int index, String thumbnailUrl) {
		UUID id = UUID.randomUUID();
		this.runs.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url, transcript)
				VALUES (?, ?, ?, ?, ?, ?)""", id, video, owner, index, thumbnailUrl, "scene " + index + " transcript");
		return id;
	}

	private void photo(UUID person, UUID owner, String url) {
		this.runs.jdbc.update("INSERT INTO person_reference_photos (id, person_id, owner_id, photo_url) VALUES (?, ?, ?, ?)",
				UUID.randomUUID(), person, owner, url);
	}

}

package com.heimdex.embeddings.metrics;

import java.io.IOException;
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
 * The built jar pushes its metrics to a real Prometheus Pushgateway while it runs and when it
 * ends: clipBackfill's and textBackfill's series in groups of their own, tagged by job, partition
 * and error code, with the values the run counted; and the Grafana dashboard and alert rules name
 * only metrics that a run pushes.
 */
class RunMetricsPushgatewayIT {

	private static final int SCENES = 40;

	private static final int MISSING_THUMBNAILS = 4;

	private PushgatewayRuns runs;

	@BeforeEach
	void setUp() throws IOException {
		this.runs = PushgatewayRuns.start(RunMetricsPushgatewayIT.class,
				new FakeEmbeddingServer().rateLimit(0.4, Map.of("retry-after-ms", "5")), "clipBackfill-0",
				"textBackfill-0", "migrate");
	}

	@AfterEach
	void tearDown() throws Exception {
		this.runs.close();
	}

	@Test
	void eachRunPushesItsSeriesWhileRunningAndAtTheEnd() throws Exception {
		// given: scenes with thumbnails (some missing) and transcripts
		assertThat(this.runs.jar("migrate").waitFor()).isZero();
		seedScenes();
		long started = System.currentTimeMillis() / 1000;

		// when: clipBackfill runs slowly enough to be seen mid-run
		Process clip = this.runs.jar("start", "clipBackfill", "batchSize=5", "processingDelay=0.05");
		boolean seenMidRun = false;
		while (clip.isAlive()) {
			Double processed = this.runs.series("clipBackfill-0").value("scene_embedding_scenes_processed_total", Map.of());
			seenMidRun |= processed != null && processed > 0 && processed < SCENES;
			Thread.sleep(100);
		}

		// then: pushed during the run, and at its end the run's totals, error codes and coverage
		assertThat(clip.exitValue()).as("exit code, logs in " + this.runs.logs).isZero();
		assertThat(seenMidRun).as("a push with part of the scenes processed, while the job ran").isTrue();
		PushedSeries clipSeries = this.runs.series("clipBackfill-0");
		Map<String, String> clipLabels = Map.of("batch_job", "clipBackfill", "partition", "0");
		assertThat(clipSeries.value("scene_embedding_scenes_processed_total", clipLabels)).isEqualTo(SCENES);
		assertThat(clipSeries.value("scene_embedding_scenes_embedded_total", clipLabels))
			.isEqualTo(SCENES - MISSING_THUMBNAILS);
		assertThat(clipSeries.value("scene_embedding_scenes_failed_total", Map.of("error", "thumbnail_not_found")))
			.isEqualTo(MISSING_THUMBNAILS);
		assertThat(clipSeries.value("scene_embedding_coverage_ratio", Map.of("embedding", "clip")))
			.isCloseTo((SCENES - MISSING_THUMBNAILS) / (double) SCENES, within(1e-9));
		assertThat(clipSeries.value("scene_embedding_run_success", clipLabels)).isEqualTo(1);
		assertThat(clipSeries.value("scene_embedding_last_success_timestamp_seconds", clipLabels))
			.isGreaterThanOrEqualTo(started);
		assertThat(clipSeries.value("scene_embedding_images_per_second", clipLabels)).isPositive();
		assertThat(clipSeries.names()).contains("spring_batch_job_seconds_count");
		Map<String, String> clipStep = Map.of("batch_job", "clipBackfill", "partition", "0", "step", "clipBackfillStep");
		assertThat(clipSeries.value("scene_embedding_step_count_total", with(clipStep, "count", "processed")))
			.isEqualTo(SCENES);
		assertThat(clipSeries.value("scene_embedding_step_count_total", with(clipStep, "count", "updated")))
			.isEqualTo(SCENES - MISSING_THUMBNAILS);
		assertThat(clipSeries.value("scene_embedding_step_failed_total", with(clipStep, "error", "thumbnail_not_found")))
			.isEqualTo(MISSING_THUMBNAILS);

		// when: textBackfill runs against a server that answers 40% of the requests 429
		Process text = this.runs.jar("start", "textBackfill", "batchSize=5");
		assertThat(text.waitFor(120, TimeUnit.SECONDS)).isTrue();

		// then: its requests, 429s, tokens and texts, in its own group; the CLIP group is kept
		assertThat(text.exitValue()).as("exit code, logs in " + this.runs.logs).isZero();
		PushedSeries textSeries = this.runs.series("textBackfill-0");
		long rateLimited = this.runs.embeddings.requests().stream().filter((request) -> request.status() == 429).count();
		assertThat(rateLimited).isPositive();
		assertThat(textSeries.value("scene_embedding_rate_limited_total", Map.of())).isEqualTo(rateLimited);
		assertThat(textSeries.value("scene_embedding_requests_total", Map.of()))
			.isEqualTo(this.runs.embeddings.requests().size());
		assertThat(textSeries.value("scene_embedding_tokens_total", Map.of())).isPositive();
		assertThat(textSeries.value("scene_embedding_texts_total", Map.of())).isEqualTo(SCENES);
		assertThat(textSeries.value("scene_embedding_scenes_embedded_total", Map.of())).isEqualTo(SCENES);
		assertThat(textSeries.value("scene_embedding_coverage_ratio", Map.of("embedding", "transcript"))).isEqualTo(1);
		assertThat(this.runs.series("clipBackfill-0").samples()).isNotEmpty();
		assertThat(textSeries.value("scene_embedding_step_count_total",
				Map.of("step", "textBackfillStep", "count", "requests")))
			.isEqualTo(this.runs.embeddings.requests().size());
		assertThat(textSeries.value("scene_embedding_step_count_total",
				Map.of("step", "textBackfillStep", "count", "requestsPerMinute")))
			.as("a setting, not a count")
			.isNull();

		// and: the dashboard and the alert rules query only metrics the runs pushed (reprocess's and
		// lexicalIndex's coverage: ReprocessMetricsPushgatewayIT)
		Set<String> pushed = new HashSet<>(clipSeries.names());
		pushed.addAll(textSeries.names());
		assertThat(ObservabilityQueries.metricNames()).isNotEmpty()
			.filteredOn((metric) -> !ObservabilityQueries.REPROCESS_AND_LEXICAL_COVERAGE.contains(metric))
			.allSatisfy((metric) -> assertThat(pushed).as("metrics pushed by the runs").contains(metric));
		List<PushedSeries.Sample> all = new ArrayList<>(clipSeries.samples());
		all.addAll(textSeries.samples());
		ObservabilityQueries.selectedLabels()
			.entrySet()
			.stream()
			.filter((selected) -> !ObservabilityQueries.REPROCESS_AND_LEXICAL_COVERAGE.contains(selected.getKey()))
			.forEach((selected) -> assertThat(all)
			.as("a %s series with the labels %s", selected.getKey(), selected.getValue())
			.anySatisfy((sample) -> {
				assertThat(sample.name()).isEqualTo(selected.getKey());
				assertThat(sample.labels()).containsKeys(selected.getValue().toArray(String[]::new));
			}));
	}

	@Test
	void aPushgatewayThatCannotBeReachedNeverFailsTheRun() throws Exception {
		// given: scenes, and an address where nothing listens
		assertThat(this.runs.jar("migrate").waitFor()).isZero();
		seedScenes();
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		// when
		Process clip = this.runs.jar(Map.of("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", "127.0.0.1:" + closedPort),
				"start", "clipBackfill");

		// then: the run completes and writes every embedding it can
		assertThat(clip.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(clip.exitValue()).as("exit code, logs in " + this.runs.logs).isZero();
		assertThat(this.runs.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_visual_clip IS NOT NULL",
				Long.class)).isEqualTo(SCENES - MISSING_THUMBNAILS);
		assertThat(this.runs.jdbc.queryForObject("SELECT status FROM batch_job_execution", String.class))
			.isEqualTo("COMPLETED");
	}

	private void seedScenes() throws IOException {
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		this.runs.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		for (int i = 0; i < SCENES; i++) {
			String path = "/scenes/" + i + ".jpg";
			if (i >= MISSING_THUMBNAILS) {
				this.runs.thumbnails.serve(path, ClipBackfillTestSupport.thumbnail(i), "image/jpeg");
			}
			this.runs.jdbc.update("""
					INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url, transcript)
					VALUES (?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), video, owner, i, this.runs.thumbnails.url(path),
					"scene " + i + " transcript");
		}
	}

}

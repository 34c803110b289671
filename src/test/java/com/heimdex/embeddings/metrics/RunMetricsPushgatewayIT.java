package com.heimdex.embeddings.metrics;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.heimdex.embeddings.testmodel.GeneratedClipModel;
import com.heimdex.embeddings.support.PushedSeries;
import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.support.TestPushgateway;
import com.heimdex.embeddings.text.FakeEmbeddingServer;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

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

	private final TestPushgateway pushgateway = TestPushgateway.get();

	private final String pushJob = "sej-it-" + UUID.randomUUID().toString().substring(0, 8);

	private TestDatabase database;

	private JdbcTemplate jdbc;

	private ThumbnailTestServer thumbnails;

	private FakeEmbeddingServer embeddings;

	private Path logs;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestDatabase.create(RunMetricsPushgatewayIT.class);
		this.jdbc = this.database.jdbcTemplate();
		this.thumbnails = ThumbnailTestServer.start();
		this.embeddings = new FakeEmbeddingServer().rateLimit(0.4, Map.of("retry-after-ms", "5"));
		this.logs = Files.createTempDirectory("metrics-it");
	}

	@AfterEach
	void tearDown() throws Exception {
		this.pushgateway.deleteGroup(this.pushJob, "instance", "clipBackfill-0");
		this.pushgateway.deleteGroup(this.pushJob, "instance", "textBackfill-0");
		this.pushgateway.deleteGroup(this.pushJob, "instance", "migrate");
		this.embeddings.close();
		this.thumbnails.close();
		this.database.close();
	}

	@Test
	void eachRunPushesItsSeriesWhileRunningAndAtTheEnd() throws Exception {
		// given: scenes with thumbnails (some missing) and transcripts
		assertThat(jar("migrate").waitFor()).isZero();
		seedScenes();
		long started = System.currentTimeMillis() / 1000;

		// when: clipBackfill runs slowly enough to be seen mid-run
		Process clip = jar("start", "clipBackfill", "batchSize=5", "processingDelay=0.05");
		boolean seenMidRun = false;
		while (clip.isAlive()) {
			Double processed = series("clipBackfill-0").value("scene_embedding_scenes_processed_total", Map.of());
			seenMidRun |= processed != null && processed > 0 && processed < SCENES;
			Thread.sleep(100);
		}

		// then: pushed during the run, and at its end the run's totals, error codes and coverage
		assertThat(clip.exitValue()).as("exit code, logs in " + this.logs).isZero();
		assertThat(seenMidRun).as("a push with part of the scenes processed, while the job ran").isTrue();
		PushedSeries clipSeries = series("clipBackfill-0");
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
		Process text = jar("start", "textBackfill", "batchSize=5");
		assertThat(text.waitFor(120, TimeUnit.SECONDS)).isTrue();

		// then: its requests, 429s, tokens and texts, in its own group; the CLIP group is kept
		assertThat(text.exitValue()).as("exit code, logs in " + this.logs).isZero();
		PushedSeries textSeries = series("textBackfill-0");
		long rateLimited = this.embeddings.requests().stream().filter((request) -> request.status() == 429).count();
		assertThat(rateLimited).isPositive();
		assertThat(textSeries.value("scene_embedding_rate_limited_total", Map.of())).isEqualTo(rateLimited);
		assertThat(textSeries.value("scene_embedding_requests_total", Map.of()))
			.isEqualTo(this.embeddings.requests().size());
		assertThat(textSeries.value("scene_embedding_tokens_total", Map.of())).isPositive();
		assertThat(textSeries.value("scene_embedding_texts_total", Map.of())).isEqualTo(SCENES);
		assertThat(textSeries.value("scene_embedding_scenes_embedded_total", Map.of())).isEqualTo(SCENES);
		assertThat(textSeries.value("scene_embedding_coverage_ratio", Map.of("embedding", "transcript"))).isEqualTo(1);
		assertThat(series("clipBackfill-0").samples()).isNotEmpty();
		assertThat(textSeries.value("scene_embedding_step_count_total",
				Map.of("step", "textBackfillStep", "count", "requests")))
			.isEqualTo(this.embeddings.requests().size());
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
		assertThat(jar("migrate").waitFor()).isZero();
		seedScenes();
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		// when
		Process clip = jar(Map.of("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", "127.0.0.1:" + closedPort),
				"start", "clipBackfill");

		// then: the run completes and writes every embedding it can
		assertThat(clip.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(clip.exitValue()).as("exit code, logs in " + this.logs).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_visual_clip IS NOT NULL",
				Long.class)).isEqualTo(SCENES - MISSING_THUMBNAILS);
		assertThat(this.jdbc.queryForObject("SELECT status FROM batch_job_execution", String.class))
			.isEqualTo("COMPLETED");
	}

	private void seedScenes() throws IOException {
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		for (int i = 0; i < SCENES; i++) {
			String path = "/scenes/" + i + ".jpg";
			if (i >= MISSING_THUMBNAILS) {
				this.thumbnails.serve(path, thumbnail(i), "image/jpeg");
			}
			this.jdbc.update("""
					INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url, transcript)
					VALUES (?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), video, owner, i, this.thumbnails.url(path),
					"scene " + i + " transcript");
		}
	}

	private Process jar(String... args) throws IOException {
		return jar(Map.of(), args);
	}

	private Process jar(Map<String, String> settings, String... args) throws IOException {
		Path model = this.logs.resolve("clip-test.onnx");
		if (!Files.exists(model)) {
			GeneratedClipModel.writeSmall(model, 512, 42);
		}
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-jar");
		command.add(System.getProperty("application.jar", "target/scene-embedding-jobs.jar"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> environment = builder.environment();
		environment.remove("SPRING_DATASOURCE_URL");
		environment.put("DATABASE_URL", this.database.libpqUrl());
		environment.put("CLIP_MODEL_PATH", model.toString());
		environment.put("THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true");
		environment.put("OPENAI_BASE_URL", this.embeddings.baseUrl());
		environment.put("OPENAI_API_KEY", "sk-test");
		environment.put("EMBEDDING_INITIAL_BACKOFF", "10ms");
		environment.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true");
		environment.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", this.pushgateway.address());
		environment.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_JOB", this.pushJob);
		environment.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_PUSH_RATE", "200ms");
		environment.putAll(settings);
		Path log = this.logs.resolve(args[args.length > 1 ? 1 : 0] + "-" + System.nanoTime() + ".log");
		return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/** The samples of this test's group with this instance. */
	private PushedSeries series(String instance) throws IOException, InterruptedException {
		return this.pushgateway.series(this.pushJob, instance);
	}

	private static Map<String, String> with(Map<String, String> labels, String name, String value) {
		Map<String, String> all = new java.util.HashMap<>(labels);
		all.put(name, value);
		return all;
	}

	private static byte[] thumbnail(int seed) throws IOException {
		BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color((seed * 0x2F6B1D) & 0xFFFFFF));
		graphics.fillRect(0, 0, 320, 180);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", out);
		return out.toByteArray();
	}

}

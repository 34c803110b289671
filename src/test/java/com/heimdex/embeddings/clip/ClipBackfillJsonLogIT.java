package com.heimdex.embeddings.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code LOG_FORMAT=json}: the built jar, as operators run it, writes nothing but JSON objects on
 * standard output and standard error, and the banner's settings, the progress counts and the run
 * summary are fields of their lines, not text in the message.
 */
class ClipBackfillJsonLogIT {

	private static final int SCENES = 12;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestDatabase database;

	private JdbcTemplate jdbc;

	private ThumbnailTestServer server;

	@BeforeEach
	void setUp() {
		this.database = TestDatabase.create(ClipBackfillJsonLogIT.class);
		this.jdbc = this.database.jdbcTemplate();
		this.server = ThumbnailTestServer.start();
	}

	@AfterEach
	void tearDown() {
		this.server.close();
		this.database.close();
	}

	@Test
	void everyLineOfAJsonRunIsAJsonObjectWithTheReportsAsFields() throws Exception {
		// given: scenes, one of whose thumbnails is missing
		assertThat(run("json", "migrate").exitCode()).isZero();
		UUID owner = UUID.randomUUID();
		UUID video = ClipBackfillTestSupport.video(this.jdbc, owner);
		for (int i = 0; i < SCENES; i++) {
			if (i > 0) {
				this.server.serve("/scenes/" + i + ".jpg", ClipBackfillTestSupport.thumbnail(i), "image/jpeg");
			}
			ClipBackfillTestSupport.scene(this.jdbc, video, owner, i, this.server.url("/scenes/" + i + ".jpg"));
		}

		// when
		Run run = run("json", "start", "clipBackfill", "batchSize=5");

		// then: every line parses, and the reports are fields
		assertThat(run.exitCode()).as(run.output()).isZero();
		List<JsonNode> lines = new ArrayList<>();
		for (String line : run.output().lines().filter((line) -> !line.isBlank()).toList()) {
			JsonNode node = JSON.readTree(line);
			assertThat(node.isObject()).as(line).isTrue();
			assertThat(node.has("@timestamp") && node.has("message")).as(line).isTrue();
			lines.add(node);
		}
		assertThat(lines).hasSizeGreaterThan(10);
		JsonNode start = event(lines, "job_start").get(0);
		assertThat(start.at("/settings/batch_size").asInt()).isEqualTo(5);
		assertThat(start.at("/settings/scenes_to_process").asInt()).isEqualTo(SCENES);
		assertThat(start.at("/settings/clip_timeout_s").asDouble()).isEqualTo(5.0);
		List<JsonNode> progress = event(lines, "progress");
		assertThat(progress).hasSize(3);
		assertThat(progress.get(2).at("/progress/processed").asInt()).isEqualTo(SCENES);
		assertThat(progress.get(2).at("/progress/errors").asInt()).isEqualTo(1);
		JsonNode summary = event(lines, "job_summary").get(0).get("job_summary");
		assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(summary.at("/counters/clip.updated").asInt()).isEqualTo(SCENES - 1);
		assertThat(summary.at("/counters/clip.error.thumbnail_not_found").asInt()).isEqualTo(1);
		assertThat(summary.at("/parameters/batchSize").asString()).isEqualTo("5");
		assertThat(ClipBackfillTestSupport.embedded(this.jdbc)).isEqualTo(SCENES - 1);
	}

	@Test
	void refusalsAreJsonLinesTooAndNameWhatIsWrong() throws Exception {
		assertThat(run("json", "migrate").exitCode()).isZero();

		Run badParameter = run("json", "start", "clipBackfill", "batchSize=many");
		Run badCommand = run("json", "begin", "clipBackfill");

		assertThat(badParameter.exitCode()).isEqualTo(2);
		assertThat(badCommand.exitCode()).isEqualTo(2);
		for (Run run : List.of(badParameter, badCommand)) {
			List<String> lines = run.output().lines().filter((line) -> !line.isBlank()).toList();
			assertThat(lines).isNotEmpty();
			for (String line : lines) {
				assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
			}
		}
		assertThat(badParameter.output()).contains("batchSize");
		assertThat(badCommand.output()).contains("unknown command 'begin'").contains("\"level\":\"ERROR\"");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
	}

	@Test
	void theDefaultFormatStaysTheHumanOne() throws Exception {
		assertThat(run("", "migrate").exitCode()).isZero();

		Run run = run("", "start", "clipBackfill", "dryRun=true");

		assertThat(run.exitCode()).isZero();
		assertThat(run.output()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d - INFO  - Batch size: 50$")
			.containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d - INFO  - \\{\"event\":\"job_summary\"")
			.contains("clipBackfill execution 1 COMPLETED (exit COMPLETED)")
			.doesNotContain("\"@timestamp\"");
	}

	private static List<JsonNode> event(List<JsonNode> lines, String action) {
		return lines.stream().filter((line) -> action.equals(line.at("/event/action").asString(""))).toList();
	}

	private Run run(String logFormat, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-jar");
		command.add(System.getProperty("application.jar", "target/scene-embedding-jobs.jar"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("DATABASE_URL", this.database.libpqUrl());
		builder.environment().remove("SPRING_DATASOURCE_URL");
		builder.environment().put("CLIP_MODEL_PATH", ClipBackfillTestSupport.model().toString());
		builder.environment().put("THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true");
		builder.environment().put("LOG_FORMAT", logFormat);
		Path output = Files.createTempFile("json-log", ".log");
		Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), Files.readString(output));
	}

	private record Run(int exitCode, String output) {
	}

}

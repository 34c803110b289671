package com.heimdex.embeddings.admin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.support.ApplicationJar;
import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.text.FakeEmbeddingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar's {@code serve}: a job started through the API runs in the server's process; SIGTERM
 * stops it after its current chunk (STOPPED, resumable) before the process exits, and the same
 * {@code start} from the command line resumes it.
 */
class ServeProcessIT {

	private static final String TOKEN = "serve-process-it-token-0123456789abcdef";

	private static final int SCENES = 30;

	private TestDatabase database;

	private JdbcTemplate jdbc;

	private FakeEmbeddingServer embeddings;

	private Path logs;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestDatabase.create(ServeProcessIT.class);
		this.jdbc = this.database.jdbcTemplate();
		this.embeddings = new FakeEmbeddingServer();
		this.logs = Files.createTempDirectory("serve-it");
	}

	@AfterEach
	void tearDown() {
		this.embeddings.close();
		this.database.close();
	}

	@Test
	void sigtermStopsTheRunningExecutionGracefullyAndTheSameStartResumesIt() throws Exception {
		// given: a server, and a job started through its API over slowly answered scenes, one per chunk
		int port = freePort();
		Process server = jar(port, "serve");
		HttpClient http = HttpClient.newHttpClient();
		waitUntil(() -> answers(http, port), server);
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		for (int i = 0; i < SCENES; i++) {
			this.jdbc.update("""
					INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript) VALUES (?, ?, ?, ?, ?)""",
					UUID.randomUUID(), video, owner, i, "scene " + i + " says something");
		}
		this.embeddings.latency(Duration.ofMillis(400));
		HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/v1/admin/jobs/textBackfill/executions"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"parameters\": {\"batchSize\": \"1\"}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		waitUntil(() -> embedded() >= 2, server);

		// when: SIGTERM
		server.destroy();

		// then: the process exits after the execution stopped at a chunk boundary
		assertThat(server.waitFor(90, TimeUnit.SECONDS)).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1",
				String.class)).isEqualTo("STOPPED");
		long committed = embedded();
		assertThat(committed).isBetween(2L, SCENES - 1L);
		assertThat(this.jdbc.queryForObject("""
				SELECT sum(WRITE_COUNT) FROM BATCH_STEP_EXECUTION""", Long.class)).isEqualTo(committed);

		// when: the same job from the command line
		this.embeddings.latency(Duration.ZERO);
		Process resume = jar(port, "start", "textBackfill", "batchSize=1");
		assertThat(resume.waitFor(120, TimeUnit.SECONDS)).isTrue();

		// then: it resumed the stopped instance and did the rest
		assertThat(resume.exitValue()).isZero();
		assertThat(embedded()).isEqualTo(SCENES);
		assertThat(this.jdbc.queryForObject("SELECT count(DISTINCT JOB_INSTANCE_ID) FROM BATCH_JOB_EXECUTION",
				Long.class)).isEqualTo(1);
	}

	private long embedded() {
		return this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes", Long.class);
	}

	private static boolean answers(HttpClient http, int port) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(base(port) + "/admin/login")).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String base(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private Process jar(int port, String... args) throws IOException {
		return ApplicationJar.of(this.database, this.logs)
			.withEnvironment(Map.of("ADMIN_TOKEN", TOKEN, "ADMIN_PORT", Integer.toString(port), "CLIP_ENABLED", "false",
					"OPENAI_BASE_URL", this.embeddings.baseUrl(), "OPENAI_API_KEY", "sk-test"))
			.start(args);
	}

	private static void waitUntil(java.util.function.BooleanSupplier condition, Process process)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(process.isAlive()).as("server still running").isTrue();
			assertThat(System.nanoTime()).as("waited for the server").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

}

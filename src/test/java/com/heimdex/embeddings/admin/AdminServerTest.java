package com.heimdex.embeddings.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;

import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.text.FakeEmbeddingServer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Base of the admin server's tests: the application as {@code serve} runs it (a servlet web
 * application with {@code ADMIN_TOKEN} set) on its own PostgreSQL database, with text embeddings from
 * the in-process OpenAI-compatible server and the CLIP steps switched off (no model needed).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
abstract class AdminServerTest extends DatabaseTest {

	static final String TOKEN = "test-admin-token-0123456789abcdef0123456789";

	/** Shared by every admin test class for the test JVM's life (a class closing it would fail the next). */
	static final FakeEmbeddingServer embeddings = startEmbeddings();

	@DynamicPropertySource
	static void adminSettings(DynamicPropertyRegistry registry) {
		registry.add("admin.token", () -> TOKEN);
		registry.add("clip.enabled", () -> "false");
		registry.add("openai.base-url", embeddings::baseUrl);
		registry.add("openai.api-key", () -> "sk-test");
		registry.add("embedding.initial-backoff", () -> "10ms");
		registry.add("embedding.max-backoff", () -> "50ms");
		registry.add("embedding.max-attempts", () -> "1");
	}

	private static FakeEmbeddingServer startEmbeddings() {
		try {
			return new FakeEmbeddingServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void cleanTables() {
		awaitNoRunningExecution();
		this.jdbc.update("TRUNCATE videos, persons, text_embedding_cache CASCADE");
		embeddings.requireApiKey(null).latency(Duration.ZERO);
	}

	UUID video(UUID owner, String status) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, ?)", id, owner, status);
		return id;
	}

	/** A scene with a transcript and no thumbnail. */
	UUID scene(UUID video, UUID owner, int index) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript, updated_at)
				VALUES (?, ?, ?, ?, ?, now())""", id, video, owner, index, "words of scene " + index + " " + id);
		return id;
	}

	long executions() {
		return this.jdbc.queryForObject("SELECT count(*) FROM BATCH_JOB_EXECUTION", Long.class);
	}

	/** Waits for the first execution of the job after execution {@code after} to end; returns its status. */
	String awaitEnded(String jobName, long after) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("""
					SELECT count(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i USING (JOB_INSTANCE_ID)
					WHERE i.JOB_NAME = ? AND e.JOB_EXECUTION_ID > ? AND e.END_TIME IS NOT NULL""", Long.class, jobName,
					after) > 0);
		return this.jdbc.queryForObject("""
				SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i USING (JOB_INSTANCE_ID)
				WHERE i.JOB_NAME = ? AND e.JOB_EXECUTION_ID > ? ORDER BY e.JOB_EXECUTION_ID LIMIT 1""", String.class,
				jobName, after);
	}

	/** The id of the job's last execution, 0 without any. */
	long lastExecutionId(String jobName) {
		Long id = this.jdbc.queryForObject("""
				SELECT max(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i USING (JOB_INSTANCE_ID)
				WHERE i.JOB_NAME = ?""", Long.class, jobName);
		return (id != null) ? id : 0;
	}

	void awaitNoRunningExecution() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')",
					Long.class) == 0);
	}

}

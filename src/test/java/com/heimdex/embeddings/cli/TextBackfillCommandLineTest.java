package com.heimdex.embeddings.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.text.FakeEmbeddingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** textBackfill from the command line: exit codes for refused credentials and invalid channels. */
@ExtendWith(OutputCaptureExtension.class)
class TextBackfillCommandLineTest {

	private TestDatabase database;

	private FakeEmbeddingServer server;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void start() throws Exception {
		this.database = TestDatabase.create(TextBackfillCommandLineTest.class);
		this.server = new FakeEmbeddingServer().requireApiKey("sk-the-right-key");
		System.setProperty("openai.base-url", this.server.baseUrl());
		System.setProperty("openai.api-key", "sk-a-wrong-key");
	}

	@AfterEach
	void stop() {
		System.clearProperty("openai.base-url");
		System.clearProperty("openai.api-key");
		this.server.close();
		this.database.close();
	}

	@Test
	void refusedCredentialsExitOneAndRecordNothing(CapturedOutput output) {
		assertThat(run("status")).isZero();
		JdbcTemplate jdbc = this.database.jdbcTemplate();
		UUID video = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript) VALUES (?, ?, ?, 0, 'Hello')",
				UUID.randomUUID(), video, owner);

		int exit = run("start", "textBackfill");

		assertThat(exit).isEqualTo(1);
		assertThat(out()).contains("textBackfill execution 1 FAILED");
		assertThat(this.server.requests()).hasSize(1);
		assertThat(jdbc.queryForObject(
				"SELECT count(*) FROM video_scenes WHERE text_embedding_metadata IS NOT NULL OR embedding_transcript IS NOT NULL",
				Long.class)).isZero();
		assertThat(output).contains("Stopped: the embeddings endpoint " + this.server.baseUrl()
				+ "/embeddings refused the credentials").doesNotContain("sk-a-wrong-key");
	}

	@Test
	void anUnknownChannelExitsTwoNamingTheParameterBeforeAnythingIsWritten() {
		int exit = run("start", "textBackfill", "channels=transcript,audio");

		assertThat(exit).isEqualTo(2);
		assertThat(err()).contains("invalid value 'transcript,audio' for parameter 'channels'",
				"transcript, visual, summary");
		assertThat(this.database.jdbcTemplate()
			.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class))
			.isEmpty();
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void aMissingKeyForOpenAiExitsTwoUnlessItIsADryRun() {
		System.clearProperty("openai.api-key");
		System.setProperty("openai.base-url", "https://api.openai.com/v1");

		assertThat(run("start", "textBackfill")).isEqualTo(2);
		assertThat(err()).contains("OPENAI_API_KEY is not set");
		assertThat(run("start", "textBackfill", "dryRun=true")).isZero();
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return CommandLine.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8),
				Map.of("DATABASE_URL", this.database.libpqUrl()));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}

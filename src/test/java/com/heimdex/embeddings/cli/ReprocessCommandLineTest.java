package com.heimdex.embeddings.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** reprocess and the embedding spec from the command line: help, status, refused options. */
class ReprocessCommandLineTest {

	private TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void createDatabase() {
		this.database = TestDatabase.create(ReprocessCommandLineTest.class);
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void helpPrintsTheSpecWithItsVersionStepsAndFingerprint() {
		int exit = run(Map.of(), "help");

		assertThat(exit).isZero();
		assertThat(out()).contains("reprocess: bring scenes").contains("Embedding spec 2026-12-01 (fingerprint ")
			.contains("sceneText: scene text embeddings (text-embedding-3-small, 1536d)")
			.contains("sceneClip: ").contains("personPhotos: ").contains("personQuery: ")
			.contains("model_sha256: 583fd1110a514667812fee7d684952aaf82a99b959760c8d7dca7e0ab9839299");
	}

	@Test
	void helpSaysWhichStepsTheSettingsSwitchOff() {
		int exit = run(Map.of("clip.enabled", "false"), "help");

		assertThat(exit).isZero();
		assertThat(out()).contains("[off: CLIP_ENABLED=false; not in the fingerprint]");
	}

	@Test
	void embeddingEnabledFalseSwitchesTheTextStepOffAndRefusesTextBackfill() {
		assertThat(run(Map.of("embedding.enabled", "false"), "help")).isZero();
		assertThat(out()).contains("sceneText: scene text embeddings").contains("[off: EMBEDDING_ENABLED=false;");

		int exit = run(Map.of("embedding.enabled", "false"), "start", "textBackfill");

		assertThat(exit).isEqualTo(2);
		assertThat(err()).contains("EMBEDDING_ENABLED=false");
	}

	@Test
	void statusPrintsTheSpecAndEachTablesCoverageAtIt() {
		assertThat(run(Map.of(), "status")).isZero();
		JdbcTemplate jdbc = this.database.jdbcTemplate();
		UUID owner = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'PROCESSING')", UUID.randomUUID(), owner);
		jdbc.update("INSERT INTO persons (id, owner_id, name) VALUES (?, ?, 'a')", UUID.randomUUID(), owner);

		int exit = run(Map.of(), "status");

		assertThat(exit).isZero();
		assertThat(out()).contains("Embedding spec 2026-12-01").contains("Coverage at the current spec:")
			.containsPattern("videos +rows=1 current=0 coverage_pct=0[.,]00 \\(PROCESSING \\(skipped by reprocess\\): 1\\)")
			.containsPattern("persons +rows=1 current=0")
			.containsPattern("person_reference_photos +rows=0 current=0 coverage_pct=100[.,]00");
	}

	@Test
	void aMissingScopeExitsTwoNamingItBeforeAnythingIsWritten() {
		assertThat(run(Map.of(), "status")).isZero();

		int exit = run(Map.of(), "start", "reprocess", "force=true");

		assertThat(exit).isEqualTo(2);
		assertThat(err()).contains("scope");
		assertThat(this.database.jdbcTemplate().queryForObject("SELECT count(*) FROM batch_job_instance", Long.class))
			.isZero();
	}

	@Test
	void aStepSwitchedOffBySettingsExitsTwoNamingTheSetting() {
		int exit = run(Map.of("clip.enabled", "false"), "start", "reprocess", "scope=all", "steps=sceneClip");

		assertThat(exit).isEqualTo(2);
		assertThat(err()).contains("steps=sceneClip").contains("CLIP_ENABLED=false");
	}

	/** Runs the command line with these settings (as system properties, which bind as the environment's). */
	private int run(Map<String, String> settings, String... args) {
		this.out.reset();
		this.err.reset();
		settings.forEach(System::setProperty);
		try {
			return CommandLine.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
					new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of("DATABASE_URL", this.database.libpqUrl()));
		}
		finally {
			settings.keySet().forEach(System::clearProperty);
		}
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}

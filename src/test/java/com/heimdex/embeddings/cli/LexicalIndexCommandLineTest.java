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

/** lexicalIndex from the command line: exit codes for bad parameters and settings, status coverage. */
class LexicalIndexCommandLineTest {

	private TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void createDatabase() {
		this.database = TestDatabase.create(LexicalIndexCommandLineTest.class);
	}

	@AfterEach
	void dropDatabase() {
		System.clearProperty("lexical.text-search-config");
		System.clearProperty("opensearch.url");
		this.database.close();
	}

	@Test
	void indexesTheScenesAndStatusShowsTheCoverage() {
		assertThat(run("status")).isZero();
		JdbcTemplate jdbc = this.database.jdbcTemplate();
		UUID video = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript) VALUES (?, ?, ?, 0, 'Hello')",
				UUID.randomUUID(), video, owner);

		assertThat(run("start", "lexicalIndex", "scope=all")).isZero();
		assertThat(run("status")).isZero();

		assertThat(out()).contains(
				"Lexical (postgresql): indexed=1 current=1 stale=0 coverage_pct=100.00 errors=0 pending_removal=0");
	}

	@Test
	void aMissingScopeExitsTwoNamingItBeforeAnythingIsWritten() {
		assertThat(run("start", "lexicalIndex")).isEqualTo(2);
		assertThat(err()).contains("parameter 'scope' is missing; expected one of video, owner, all");
		assertThat(run("start", "lexicalIndex", "scope=owner")).isEqualTo(2);
		assertThat(err()).contains("scope=owner needs parameter 'ownerId'");
		assertThat(tables()).doesNotContain("scene_lexical_index");
	}

	@Test
	void anUnknownTextSearchConfigurationExitsTwoNamingTheSettingAndTheChoices() {
		System.setProperty("lexical.text-search-config", "klingon");

		assertThat(run("start", "lexicalIndex", "scope=all")).isEqualTo(2);
		assertThat(err()).contains("LEXICAL_TEXT_SEARCH_CONFIG=klingon is not a text search configuration of this"
				+ " database; choose one of ", "english", "simple");
		assertThat(tables()).doesNotContain("batch_job_execution", "scene_lexical_index");
	}

	@Test
	void anOpenSearchUrlThatIsNotOneExitsTwoNamingTheSetting() {
		System.setProperty("opensearch.url", "search.example.com:9200");

		assertThat(run("start", "lexicalIndex", "scope=all")).isEqualTo(2);
		assertThat(err()).contains("opensearch", "OPENSEARCH_URL must be an http(s) URL");
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

	private java.util.List<String> tables() {
		return this.database.jdbcTemplate()
			.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class);
	}

}

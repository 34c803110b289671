package com.heimdex.embeddings.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.heimdex.embeddings.batch.JobRunLock;
import com.heimdex.embeddings.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as an operator runs it, in-process, against a database of its own. */
class CommandLineTest {

	private TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void createDatabase() {
		this.database = TestDatabase.create(CommandLineTest.class);
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void statusOnAFreshDatabaseMigratesItAndPrintsZeroCoverage() {
		int exit = run(this.database.libpqUrl(), "status");

		assertThat(exit).isZero();
		assertThat(out()).contains("Recent executions:", "(none)", "Scenes: 0",
				"CLIP: with_clip=0 missing_clip=0 coverage_pct=0.00 errors=0");
		assertThat(tables()).contains("video_scenes", "batch_job_execution", "flyway_schema_history");
	}

	@Test
	void unknownJobExitsTwoBeforeAnythingIsWritten() {
		int exit = run(this.database.libpqUrl(), "start", "noSuchJob");

		assertThat(exit).isEqualTo(2);
		assertThat(err()).contains("error: unknown job 'noSuchJob'");
		assertThat(tables()).isEmpty();
	}

	@Test
	void malformedJobParametersExitTwoNamingTheParameterBeforeAnythingIsWritten() {
		assertThat(run(this.database.libpqUrl(), "start", "clipBackfill", "videoId=not-a-uuid")).isEqualTo(2);
		assertThat(err()).contains("invalid value 'not-a-uuid' for parameter 'videoId': expected a UUID");
		assertThat(run(this.database.libpqUrl(), "start", "clipBackfill", "batchSize=-1")).isEqualTo(2);
		assertThat(err()).contains("parameter 'batchSize': expected a whole number >= 1");
		assertThat(run(this.database.libpqUrl(), "start", "clipBackfill", "maxScenes=lots")).isEqualTo(2);
		assertThat(run(this.database.libpqUrl(), "start", "clipBackfill", "noSuchOption=1")).isEqualTo(2);
		assertThat(err()).contains("unknown parameter 'noSuchOption'", "batchSize", "forceRegenerate");
		assertThat(run(this.database.libpqUrl(), "start", "clipBackfill", "forceRegenerate=true", "retryFailed=true"))
			.isEqualTo(2);
		assertThat(err()).contains("exclude each other");
		assertThat(tables()).isEmpty();
	}

	@Test
	void clipSettingsThatCannotWorkExitTwoBeforeAnythingIsWritten() {
		System.setProperty("clip.dimensions", "768");
		try {
			assertThat(run(this.database.libpqUrl(), "start", "clipBackfill")).isEqualTo(2);
			assertThat(err()).contains("CLIP_DIMENSIONS=768 does not fit embedding_visual_clip, which is vector(512)");
		}
		finally {
			System.clearProperty("clip.dimensions");
		}
		System.setProperty("clip.enabled", "false");
		try {
			assertThat(run(this.database.libpqUrl(), "start", "clipBackfill")).isEqualTo(2);
			assertThat(err()).contains("CLIP is disabled (CLIP_ENABLED=false)");
		}
		finally {
			System.clearProperty("clip.enabled");
		}
		System.setProperty("clip.cpu-threads", "many");
		try {
			assertThat(run(this.database.libpqUrl(), "status")).isEqualTo(2);
			assertThat(err()).contains("invalid setting clip").contains("many");
		}
		finally {
			System.clearProperty("clip.cpu-threads");
		}
		assertThat(tables()).isEmpty();
	}

	@Test
	void aBadSettingOfWhatTheCommandDoesNotUseStillExitsTwoBeforeAnythingIsWritten() {
		// given a setting only the scene persons step reads (the context starts lazily)
		System.setProperty("person.match.threshold", "several");
		try {
			// when
			int exit = run(this.database.libpqUrl(), "migrate");

			// then
			assertThat(exit).isEqualTo(2);
			assertThat(err()).contains("person.match").contains("several");
		}
		finally {
			System.clearProperty("person.match.threshold");
		}
		assertThat(tables()).isEmpty();
	}

	@Test
	void aSecondLaunchWhileTheJobRunsExitsThreeAndStartsNothing() {
		assertThat(run(this.database.libpqUrl(), "status")).isZero();
		try (JobRunLock runningElsewhere = JobRunLock.tryAcquire(this.database.dataSource(), "clipBackfill", 0, 1)) {
			int exit = run(this.database.libpqUrl(), "start", "clipBackfill");

			assertThat(exit).isEqualTo(3);
			assertThat(err()).contains("clipBackfill is already running");
		}
		assertThat(this.database.jdbcTemplate().queryForObject("SELECT count(*) FROM batch_job_execution", Long.class))
			.isZero();
	}

	@Test
	void startRunsTheJobAndPrintsItsOutcome() {
		int exit = run(this.database.libpqUrl(), "start", "clipBackfill", "dryRun=true");

		assertThat(exit).isZero();
		assertThat(out()).contains("clipBackfill execution 1 COMPLETED");
		assertThat(run(this.database.libpqUrl(), "status", "clipBackfill")).isZero();
		assertThat(out()).contains("clipBackfill", "COMPLETED");
	}

	@Test
	void malformedCommandsExitTwoWithUsage() {
		assertThat(run(this.database.libpqUrl(), "launch", "clipBackfill")).isEqualTo(2);
		assertThat(err()).contains("unknown command 'launch'", "usage:");
		assertThat(run(this.database.libpqUrl(), "restart", "abc")).isEqualTo(2);
		assertThat(err()).contains("'abc' is not an execution id");
		assertThat(run(this.database.libpqUrl())).isEqualTo(2);
		assertThat(tables()).isEmpty();
	}

	@Test
	void unknownExecutionIdExitsTwo() {
		assertThat(run(this.database.libpqUrl(), "restart", "424242")).isEqualTo(2);
		assertThat(err()).contains("no job execution with id 424242");
	}

	@Test
	void wrongCredentialsExitOneWithOneLineNamingTheDatabase() {
		String url = this.database.libpqUrl().replaceFirst("//[^@]+@", "//no_such_role:wrong@");

		int exit = run(url, "status");

		assertThat(exit).isEqualTo(1);
		assertThat(err()).startsWith("error: cannot connect to PostgreSQL at host ")
			.contains("database " + this.database.name(), "as user no_such_role")
			.doesNotContain("\tat ");
	}

	@Test
	void unreachableServerExitsOneNamingHostAndPort() {
		int exit = run("postgres://postgres@127.0.0.1:1/nowhere", "status");

		assertThat(exit).isEqualTo(1);
		assertThat(err()).contains("cannot connect to PostgreSQL at host 127.0.0.1 port 1 database nowhere");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void noOutputEverShowsThePasswordOfTheDatabaseUrl(CapturedOutput log) {
		String password = "p^ss{word\"|<>'%zz";

		int unreachable = run("postgres://app:" + password + "@127.0.0.1:1/nowhere", "status");
		int malformed = run("postgres://app:" + password + "@127.0.0.1:port/nowhere", "status");

		assertThat(unreachable).isEqualTo(1);
		assertThat(malformed).isEqualTo(2);
		assertThat(log.getAll()).contains("cannot connect to PostgreSQL at host 127.0.0.1 port 1", "port")
			.doesNotContain(password, "p^ss");
	}

	@Test
	void malformedDatabaseUrlExitsTwo() {
		assertThat(run("mysql://x@y/z", "status")).isEqualTo(2);
		assertThat(err()).contains("DATABASE_URL must look like postgres://");
	}

	@Test
	void serveWithoutAnAdminTokenRefusesToStartExitTwoAndTouchesNothing() {
		// given: no ADMIN_TOKEN in the environment (nor admin.token)
		assertThat(System.getenv("ADMIN_TOKEN")).isNull();

		// when
		int exit = run(this.database.libpqUrl(), "serve");

		// then: exit 2 naming the setting; the database was not even migrated
		assertThat(exit).isEqualTo(2);
		assertThat(err()).contains("error: ADMIN_TOKEN is not set").contains("at least 32 characters");
		assertThat(this.database.jdbcTemplate().queryForObject(
				"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", Long.class)).isZero();
	}

	@Test
	void serveTakesNoArguments() {
		assertThat(run(this.database.libpqUrl(), "serve", "8080")).isEqualTo(2);
		assertThat(err()).contains("serve takes no arguments");
	}

	@Test
	void helpListsServe() {
		assertThat(run(this.database.libpqUrl(), "help")).isZero();
		assertThat(out()).contains("serve ").contains("ADMIN_TOKEN");
	}

	private int run(String databaseUrl, String... args) {
		this.out.reset();
		this.err.reset();
		int exit = CommandLine.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of("DATABASE_URL", databaseUrl));
		// what an operator sees on the terminal, beside the log
		System.out.print(out());
		System.err.print(err());
		return exit;
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

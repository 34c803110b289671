package com.heimdex.embeddings.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.support.TestDatabaseServer;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Least privilege, with the built jar as operators run it: the schema is migrated by the
 * {@code migrate} command as the tables' owner; the job runs as a role that holds only the grants
 * of {@code deploy/postgres/job-role-grants.sql} and may not change the schema, with
 * {@code DATABASE_MIGRATE=false}.
 */
class ClipBackfillLeastPrivilegeIT {

	private static final int SCENES = 12;

	private TestDatabase database;

	private JdbcTemplate owner;

	private ThumbnailTestServer server;

	private String jobsRole;

	private Path logs;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestDatabase.create(ClipBackfillLeastPrivilegeIT.class);
		this.owner = this.database.jdbcTemplate();
		this.server = ThumbnailTestServer.start();
		this.jobsRole = ("t_jobs_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		this.owner.execute("CREATE ROLE \"" + this.jobsRole + "\" LOGIN PASSWORD 'jobs-secret'");
		this.logs = Files.createTempDirectory("least-privilege-it");
	}

	@AfterEach
	void tearDown() {
		this.server.close();
		this.database.close();
		TestDatabaseServer.get().dropRole(this.jobsRole);
	}

	@Test
	void theJobRunsWithOnlyTheDocumentedGrantsAfterMigrateRanAsTheOwner() throws Exception {
		// given: the schema migrated by the owner, scenes, and the jobs' role with its grants
		assertThat(run(this.database.user(), "migrate").exitValue()).as("migrate exit code, logs in " + this.logs)
			.isZero();
		assertThat(this.owner.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Long.class))
			.isGreaterThanOrEqualTo(3);
		seedScenes();
		String grants = Files.readString(Path.of("deploy/postgres/job-role-grants.sql"))
			.replace(":\"jobs_role\"", "\"" + this.jobsRole + "\"");
		this.owner.execute(grants);

		// when: the job runs as that role without migrating
		Process job = run(this.jobsRole, "start", "clipBackfill", "batchSize=5");

		// then: every scene is embedded, the execution recorded, and the role cannot change the schema
		assertThat(job.exitValue()).as("exit code, logs in " + this.logs).isZero();
		assertThat(ClipBackfillTestSupport.embedded(this.owner)).isEqualTo(SCENES);
		assertThat(this.owner.queryForList("SELECT status FROM batch_job_execution", String.class))
			.containsExactly("COMPLETED");
		assertThat(run(this.jobsRole, "status").exitValue()).isZero();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
			try (Connection connection = DriverManager.getConnection(this.database.jdbcUrl(), this.jobsRole,
					"jobs-secret"); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE not_allowed (id int)");
			}
		}).withMessageContaining("permission denied");
	}

	@Test
	void withoutMigrationsTheJobRefusesASchemaThatLacksThemAndWritesNothing() throws Exception {
		// given: an empty database (nothing migrated) and the jobs' role
		this.owner.execute("GRANT USAGE ON SCHEMA public TO \"" + this.jobsRole + "\"");

		// when
		Process job = run(this.jobsRole, "start", "clipBackfill");

		// then: exit 2, a message naming the setting and the command, and no table created
		assertThat(job.exitValue()).isEqualTo(2);
		String log = Files.readString(this.logs.resolve("last.log"));
		assertThat(log).contains("DATABASE_MIGRATE=false").contains("'migrate'").contains("V1 ");
		assertThat(this.owner.queryForObject(
				"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", Long.class))
			.isZero();
	}

	@Test
	void withoutMigrationsTheJobAlsoRefusesWhenALaterMigrationIsMissing() throws Exception {
		// given: migrated, then the last migration undone as if this release added it
		assertThat(run(this.database.user(), "migrate").exitValue()).isZero();
		this.owner.execute("DELETE FROM flyway_schema_history WHERE version = (SELECT max(version::int)::text "
				+ "FROM flyway_schema_history WHERE version ~ '^[0-9]+$')");

		// when: the owner itself runs the job without migrating
		Process job = run(this.database.user(), "start", "clipBackfill");

		// then
		assertThat(job.exitValue()).isEqualTo(2);
		assertThat(Files.readString(this.logs.resolve("last.log"))).contains("lacks 1 migration(s)");
		assertThat(this.owner.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
	}

	private void seedScenes() {
		UUID ownerId = UUID.randomUUID();
		UUID video = ClipBackfillTestSupport.video(this.owner, ownerId);
		for (int i = 0; i < SCENES; i++) {
			this.server.serve("/scenes/" + i + ".jpg", ClipBackfillTestSupport.thumbnail(i), "image/jpeg");
			ClipBackfillTestSupport.scene(this.owner, video, ownerId, i, this.server.url("/scenes/" + i + ".jpg"));
		}
	}

	/** Runs the jar as {@code user} ({@code DATABASE_MIGRATE=false} unless migrating) and waits for it. */
	private Process run(String user, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-jar");
		command.add(System.getProperty("application.jar", "target/scene-embedding-jobs.jar"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> environment = builder.environment();
		environment.remove("DATABASE_URL");
		environment.put("SPRING_DATASOURCE_URL", this.database.jdbcUrl());
		environment.put("SPRING_DATASOURCE_USERNAME", user);
		environment.put("SPRING_DATASOURCE_PASSWORD", user.equals(this.jobsRole) ? "jobs-secret" : this.database.password());
		environment.put("DATABASE_MIGRATE", String.valueOf(args[0].equals("migrate")));
		environment.put("CLIP_MODEL_PATH", ClipBackfillTestSupport.model().toString());
		environment.put("THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true");
		Path log = this.logs.resolve("last.log");
		Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished: " + String.join(" ", args)).isTrue();
		Files.copy(log, this.logs.resolve(args[0] + "-" + System.nanoTime() + ".log"));
		return process;
	}

}

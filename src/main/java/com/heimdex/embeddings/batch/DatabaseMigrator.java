package com.heimdex.embeddings.batch;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs the Flyway migrations. The command line defers them until its arguments are known to be
 * valid, so that a mistyped command changes nothing; elsewhere (tests) they run at start-up. With
 * {@code DATABASE_MIGRATE=false} commands only check that nothing is pending (the {@code migrate}
 * command, run with a role that may change the schema, applies them). On the product's existing
 * {@code video_scenes}, the first migration's indexes are built concurrently first
 * ({@link ExistingSceneIndexes}).
 */
@Component
public class DatabaseMigrator implements FlywayMigrationStrategy {

	private final boolean migrateOnStartup;

	private final DatabaseMigrationProperties properties;

	private final ObjectProvider<Flyway> flywayBean;

	private volatile Flyway flyway;

	private volatile boolean migrated;

	/**
	 * @param flywayBean the Flyway bean, for a context started lazily (the command line), where no
	 * migration initializer hands it over at start-up
	 */
	DatabaseMigrator(@Value("${scene-embedding-jobs.migrate-on-startup:true}") boolean migrateOnStartup,
			DatabaseMigrationProperties properties, ObjectProvider<Flyway> flywayBean) {
		this.migrateOnStartup = migrateOnStartup;
		this.properties = properties;
		this.flywayBean = flywayBean;
	}

	@Override
	public void migrate(Flyway flyway) {
		this.flyway = flyway;
		if (this.migrateOnStartup) {
			migrate();
		}
	}

	/**
	 * Applies pending migrations once per process or, with {@code DATABASE_MIGRATE=false}, checks
	 * that none is pending.
	 * @throws SchemaNotCurrentException when migrations are pending and may not be applied
	 */
	public synchronized void migrate() {
		if (this.migrated) {
			return;
		}
		if (this.properties.migrate()) {
			applyMigrations();
		}
		else {
			requireCurrentSchema();
		}
		this.migrated = true;
	}

	/** The {@code migrate} command: applies pending migrations whatever {@code DATABASE_MIGRATE} says. */
	public synchronized MigrateResult migrateNow() {
		MigrateResult result = applyMigrations();
		this.migrated = true;
		return result;
	}

	/** The version of the last applied migration, or {@code none}. */
	public String schemaVersion() {
		MigrationInfo current = flyway().info().current();
		return (current != null && current.getVersion() != null) ? current.getVersion().getVersion() : "none";
	}

	private MigrateResult applyMigrations() {
		ExistingSceneIndexes.build(flyway().getConfiguration().getDataSource(), this.properties.indexBuildMemory());
		return flyway().migrate();
	}

	private void requireCurrentSchema() {
		MigrationInfo[] pending = flyway().info().pending();
		if (pending.length > 0) {
			throw new SchemaNotCurrentException("the database schema lacks " + pending.length + " migration(s) of this "
					+ "release (" + Arrays.stream(pending)
						.map((migration) -> "V" + migration.getVersion() + " " + migration.getDescription())
						.collect(Collectors.joining(", "))
					+ ") and DATABASE_MIGRATE=false forbids applying them: run the 'migrate' command first, with a "
					+ "role that may change the schema (or set DATABASE_MIGRATE=true)");
		}
	}

	private Flyway flyway() {
		if (this.flyway == null) {
			this.flyway = this.flywayBean.getIfAvailable();
		}
		if (this.flyway == null) {
			throw new IllegalStateException("Flyway is not configured");
		}
		return this.flyway;
	}

}

package com.heimdex.embeddings.batch;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs the Flyway migrations. The command line defers them until its arguments are known to be
 * valid, so that a mistyped command changes nothing; elsewhere (tests) they run at start-up. On the
 * product's existing {@code video_scenes}, the first migration's indexes are built concurrently
 * first ({@link ExistingSceneIndexes}).
 */
@Component
public class DatabaseMigrator implements FlywayMigrationStrategy {

	private final boolean migrateOnStartup;

	private volatile Flyway flyway;

	private volatile boolean migrated;

	DatabaseMigrator(@Value("${scene-embedding-jobs.migrate-on-startup:true}") boolean migrateOnStartup) {
		this.migrateOnStartup = migrateOnStartup;
	}

	@Override
	public void migrate(Flyway flyway) {
		this.flyway = flyway;
		if (this.migrateOnStartup) {
			migrate();
		}
	}

	/** Applies pending migrations once per process. */
	public synchronized void migrate() {
		if (this.migrated) {
			return;
		}
		if (this.flyway == null) {
			throw new IllegalStateException("Flyway is not configured");
		}
		ExistingSceneIndexes.build(this.flyway.getConfiguration().getDataSource());
		this.flyway.migrate();
		this.migrated = true;
	}

}

package com.heimdex.embeddings.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How commands migrate the database schema. Set through {@code DATABASE_MIGRATE} and
 * {@code DATABASE_INDEX_BUILD_MEMORY}.
 *
 * @param migrate {@code true} (the default): every command that touches the database applies
 * pending migrations first, which needs a role allowed to change the schema; {@code false}: the
 * jobs only check that the schema is current and refuse to start when it is not, so they can run
 * with a role without DDL rights while the {@code migrate} command (an init container, a pipeline
 * step) runs with one
 * @param indexBuildMemory PostgreSQL's {@code maintenance_work_mem} for the indexes built on the
 * product's existing {@code video_scenes} ({@link ExistingSceneIndexes}); the HNSW index builds
 * many times faster when its graph fits (about 3 kB per embedded scene); unset: the server's own
 */
@ConfigurationProperties("database")
public record DatabaseMigrationProperties(@DefaultValue("true") boolean migrate, DataSize indexBuildMemory) {

	public DatabaseMigrationProperties {
		if (indexBuildMemory != null && (indexBuildMemory.toKilobytes() < 1024
				|| indexBuildMemory.toKilobytes() > Integer.MAX_VALUE)) {
			throw new IllegalArgumentException("DATABASE_INDEX_BUILD_MEMORY must be from 1MB to 2047GB "
					+ "(PostgreSQL's maintenance_work_mem), was " + indexBuildMemory);
		}
	}

}

package com.heimdex.embeddings.batch;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseMigrationPropertiesTest {

	@Test
	void indexBuildMemoryIsWhatPostgreSQLAcceptsAsMaintenanceWorkMem() {
		assertThat(new DatabaseMigrationProperties(true, DataSize.ofGigabytes(4)).indexBuildMemory())
			.isEqualTo(DataSize.ofGigabytes(4));
		assertThat(new DatabaseMigrationProperties(true, null).indexBuildMemory()).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new DatabaseMigrationProperties(true, DataSize.ofKilobytes(512)))
			.withMessage("DATABASE_INDEX_BUILD_MEMORY must be from 1MB to 2047GB (PostgreSQL's maintenance_work_mem), "
					+ "was 524288B");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatabaseMigrationProperties(true, DataSize.ofGigabytes(2048)));
	}

}

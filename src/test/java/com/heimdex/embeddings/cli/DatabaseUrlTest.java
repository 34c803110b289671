package com.heimdex.embeddings.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

	@Test
	void libpqUriBecomesJdbcSettings() {
		assertThat(DatabaseUrl.toDataSourceProperties("postgres://app:s%40cret@db.internal:6543/scenes?sslmode=require"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/scenes?sslmode=require")
			.containsEntry("spring.datasource.username", "app")
			.containsEntry("spring.datasource.password", "s@cret");
	}

	@Test
	void portAndDatabaseDefaultAsLibpqDoes() {
		assertThat(DatabaseUrl.toDataSourceProperties("postgresql://app@db"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/postgres")
			.containsEntry("spring.datasource.username", "app")
			.doesNotContainKey("spring.datasource.password");
	}

	@Test
	void otherSchemesAreRefused() {
		assertThatThrownBy(() -> DatabaseUrl.toDataSourceProperties("jdbc:postgresql://db/x"))
			.hasMessageContaining("postgres://user:password@host:5432/database");
	}

}

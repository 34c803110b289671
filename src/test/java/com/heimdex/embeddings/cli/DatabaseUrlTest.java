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

	@Test
	void passwordsWithCharactersAUriDoesNotAllowAreReadAsLibpqReadsThem() {
		assertThat(DatabaseUrl.toDataSourceProperties("postgres://u:p^ss{word@host/db"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://host:5432/db")
			.containsEntry("spring.datasource.username", "u")
			.containsEntry("spring.datasource.password", "p^ss{word");
		assertThat(DatabaseUrl.toDataSourceProperties("postgresql://app:p@ss:w/rd|\"<>%zz 100%25@db.internal:6543/scenes"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/scenes")
			.containsEntry("spring.datasource.password", "p@ss:w/rd|\"<>%zz 100%");
	}

	@Test
	void noMessageRepeatsTheUrlOrItsPassword() {
		for (String url : new String[] { "postgres://u:s3cr^t{x@host:99999999999/db", "postgres://u:s3cr^t{x@/db",
				"postgres://u:s3cr^t{x@ho st/db", "s3cr^t{x://u:s3cr^t{x@host/db", "u:s3cr^t{x@host/db" }) {
			assertThatThrownBy(() -> DatabaseUrl.toDataSourceProperties(url)).as(url)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("DATABASE_URL")
				.message()
				.doesNotContain("s3cr");
		}
	}

}

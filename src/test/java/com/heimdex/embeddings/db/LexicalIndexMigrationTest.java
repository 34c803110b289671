package com.heimdex.embeddings.db;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The lexical index's migration on a database that already holds scenes: video_scenes is left as it was. */
class LexicalIndexMigrationTest {

	private TestDatabase database;

	private JdbcTemplate jdbc;

	@BeforeEach
	void createDatabase() {
		this.database = TestDatabase.create(LexicalIndexMigrationTest.class);
		this.jdbc = this.database.jdbcTemplate();
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void videoScenesIsNeitherRewrittenNorGivenColumnsOrIndexes() {
		migrate("19?");
		UUID video = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		this.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript)
				SELECT gen_random_uuid(), ?, ?, i, 'scene ' || i FROM generate_series(1, 1000) AS i""", video, owner);
		Map<String, Object> before = shape();

		migrate("20");

		assertThat(shape()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes", Long.class)).isEqualTo(1000);
		assertThat(this.jdbc.queryForList("SELECT * FROM search_scenes_lexical('scene', 5, ?)", owner)).isEmpty();
	}

	/** The table's storage file (a rewrite gives it a new one), its columns and its indexes. */
	private Map<String, Object> shape() {
		long fileNode = this.jdbc.queryForObject("SELECT relfilenode FROM pg_class WHERE oid = 'video_scenes'::regclass",
				Long.class);
		List<String> columns = this.jdbc.queryForList("SELECT attname || ' ' || format_type(atttypid, atttypmod)"
				+ " FROM pg_attribute WHERE attrelid = 'video_scenes'::regclass AND attnum > 0 ORDER BY attnum",
				String.class);
		List<String> indexes = this.jdbc.queryForList(
				"SELECT indexdef FROM pg_indexes WHERE tablename = 'video_scenes' ORDER BY indexname", String.class);
		List<String> triggers = this.jdbc.queryForList(
				"SELECT tgname FROM pg_trigger WHERE tgrelid = 'video_scenes'::regclass ORDER BY tgname", String.class);
		return Map.of("file", fileNode, "columns", columns, "indexes", indexes, "triggers", triggers);
	}

	private void migrate(String target) {
		Flyway.configure()
			.dataSource(this.database.dataSource())
			.locations("classpath:db/migration")
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.target(target)
			.load()
			.migrate();
	}

}

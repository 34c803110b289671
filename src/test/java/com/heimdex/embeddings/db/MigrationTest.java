package com.heimdex.embeddings.db;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import com.heimdex.embeddings.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationTest {

	private TestDatabase database;

	private JdbcTemplate jdbc;

	@BeforeEach
	void createDatabase() {
		this.database = TestDatabase.create(MigrationTest.class);
		this.jdbc = this.database.jdbcTemplate();
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void freshDatabaseGetsTheWholeSchemaContract() {
		migrate();

		assertThat(columns("video_scenes")).contains("id", "video_id", "owner_id", "scene_index", "thumbnail_url",
				"transcript", "visual_description", "tags", "summary", "embedding_transcript", "embedding_visual",
				"embedding_summary", "text_embedding_metadata", "embedding_visual_clip", "visual_clip_metadata",
				"embedding_spec_version", "updated_at");
		assertThat(columns("videos")).contains("id", "owner_id", "status", "embedding_spec_version");
		assertThat(columns("persons")).contains("id", "owner_id", "name", "query_embedding");
		assertThat(columns("person_reference_photos")).contains("id", "person_id", "owner_id", "photo_url", "status",
				"embedding");
		assertThat(columns("scene_person_embeddings")).contains("id", "scene_id", "owner_id", "person_id", "bbox",
				"embedding");
		assertThat(columns("text_embedding_cache")).contains("model", "dimensions", "content_sha256", "embedding");
		assertThat(columns("batch_job_execution")).contains("job_execution_id", "status");
		assertThat(this.jdbc.queryForObject("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
				+ "WHERE attrelid = 'video_scenes'::regclass AND attname = 'embedding_visual_clip'", String.class))
			.isEqualTo("vector(512)");
	}

	@Test
	void clipIndexesAreTheSeedsOnes() {
		migrate();

		String hnsw = indexDefinition("idx_video_scenes_embedding_visual_clip_hnsw");
		assertThat(hnsw).contains("USING hnsw (embedding_visual_clip vector_cosine_ops)")
			.contains("m='16'")
			.contains("ef_construction='64'");
		assertThat(indexDefinition("idx_video_scenes_has_visual_clip"))
			.contains("WHERE (embedding_visual_clip IS NOT NULL)");
		assertThat(indexDefinition("idx_video_scenes_visual_clip_metadata")).contains("USING gin (visual_clip_metadata)");
		assertThat(indexDefinition("idx_video_scenes_clip_pending")).contains("embedding_visual_clip IS NULL");
	}

	@Test
	void existingProductTablesWithASubsetOfColumnsAreCompletedWithoutLosingRows() {
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		UUID scene = UUID.randomUUID();
		this.jdbc.execute("CREATE EXTENSION IF NOT EXISTS vector");
		this.jdbc.execute("CREATE TABLE videos (id uuid PRIMARY KEY, owner_id uuid NOT NULL, status text)");
		this.jdbc.execute("""
				CREATE TABLE video_scenes (id uuid PRIMARY KEY, video_id uuid REFERENCES videos(id),
				  scene_index int, transcript text, embedding_transcript vector(1536))""");
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		this.jdbc.update("INSERT INTO video_scenes (id, video_id, scene_index, transcript) VALUES (?, ?, 3, 'hello')",
				scene, video);

		migrate();

		assertThat(this.jdbc.queryForMap("SELECT owner_id, scene_index, transcript, embedding_visual_clip "
				+ "FROM video_scenes WHERE id = ?", scene))
			.containsEntry("owner_id", owner)
			.containsEntry("scene_index", 3)
			.containsEntry("transcript", "hello")
			.containsEntry("embedding_visual_clip", null);
		assertThat(this.jdbc.queryForObject("SELECT is_nullable FROM information_schema.columns "
				+ "WHERE table_name = 'video_scenes' AND column_name = 'owner_id'", String.class)).isEqualTo("NO");
		assertThat(columns("video_scenes")).contains("embedding_visual_clip", "visual_clip_metadata", "tags");
	}

	@Test
	void migratingTwiceChangesNothing() {
		migrate();
		int applied = this.jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history", Integer.class);

		migrate();

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history", Integer.class))
			.isEqualTo(applied);
	}

	@Test
	@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aMigrationThatCannotGetItsLockSoonGivesUpInsteadOfQueueingEveryReaderBehindIt() throws Exception {
		// given: the schema before the attempts columns, and a long transaction reading video_scenes
		migrate("3");
		try (Connection reader = this.database.dataSource().getConnection()) {
			reader.setAutoCommit(false);
			try (Statement statement = reader.createStatement()) {
				statement.execute("SELECT count(*) FROM video_scenes");
			}
			long start = System.nanoTime();

			// when: the next migration needs a moment of exclusive access
			assertThatThrownBy(() -> migrate(null)).hasStackTraceContaining("lock timeout");

			// then: it gave up after its lock_timeout and left nothing half-applied
			assertThat((System.nanoTime() - start) / 1e9).isLessThan(30.0);
			assertThat(columns("video_scenes")).doesNotContain("visual_clip_failures");
			reader.rollback();
		}
		migrate(null);
		assertThat(columns("video_scenes")).contains("visual_clip_failures", "visual_clip_attempted_at",
				"text_embedding_failures", "text_embedding_attempted_at");
	}

	@Test
	void searchFunctionRefusesAMissingOwnerInsteadOfSearchingEveryone() {
		migrate();

		assertThatThrownBy(() -> this.jdbc.queryForList("""
				SELECT * FROM search_scenes_by_visual_clip_embedding(
				  query_embedding := array_fill(0.1, ARRAY[512])::vector(512),
				  match_threshold := 0.0, match_count := 10, filter_user_id := NULL)"""))
			.hasMessageContaining("filter_user_id is required");
	}

	private void migrate() {
		migrate(null);
	}

	/** Migrates up to {@code target}, or to the latest version when it is {@code null}. */
	private void migrate(String target) {
		var configuration = Flyway.configure()
			.dataSource(this.database.dataSource())
			.locations("classpath:db/migration")
			.baselineOnMigrate(true)
			.baselineVersion("0");
		if (target != null) {
			configuration.target(target);
		}
		configuration.load().migrate();
	}

	private List<String> columns(String table) {
		return this.jdbc.queryForList(
				"SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
				String.class, table);
	}

	private String indexDefinition(String index) {
		return this.jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = ?", String.class, index);
	}

}

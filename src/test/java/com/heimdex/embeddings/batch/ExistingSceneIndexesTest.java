package com.heimdex.embeddings.batch;

import java.util.List;

import com.heimdex.embeddings.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrating the product's existing video_scenes builds its indexes without blocking writes. */
@ExtendWith(OutputCaptureExtension.class)
class ExistingSceneIndexesTest {

	private TestDatabase database;

	private JdbcTemplate jdbc;

	@BeforeEach
	void productDatabase() {
		this.database = TestDatabase.create(ExistingSceneIndexesTest.class);
		this.jdbc = this.database.jdbcTemplate();
		this.jdbc.execute("CREATE EXTENSION IF NOT EXISTS vector");
		this.jdbc.execute("CREATE TABLE videos (id uuid PRIMARY KEY, owner_id uuid NOT NULL, status text)");
		this.jdbc.execute("""
				CREATE TABLE video_scenes (id uuid PRIMARY KEY, video_id uuid REFERENCES videos(id), owner_id uuid NOT NULL,
				  thumbnail_url text, embedding_visual_clip vector(512), visual_clip_metadata jsonb, updated_at timestamptz)""");
		this.jdbc.execute("INSERT INTO videos VALUES ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'READY')");
		this.jdbc.execute("""
				INSERT INTO video_scenes (id, video_id, owner_id, thumbnail_url, embedding_visual_clip, updated_at)
				SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'a/b/' || n || '.jpg',
				  CASE WHEN n % 2 = 0 THEN (SELECT array_agg(random())::vector(512) FROM generate_series(1, 512) d
				    WHERE n IS NOT NULL) END, now()
				FROM generate_series(1, 300) n""");
		// Records the text of every index build, to tell CREATE INDEX from CREATE INDEX CONCURRENTLY,
		// and the memory it was given.
		this.jdbc.execute("CREATE TABLE index_builds (query text, memory text)");
		this.jdbc.execute("""
				CREATE FUNCTION record_index_build() RETURNS event_trigger LANGUAGE plpgsql AS $$
				BEGIN INSERT INTO index_builds VALUES (current_query(), current_setting('maintenance_work_mem')); END $$""");
		this.jdbc.execute("""
				CREATE EVENT TRIGGER record_index_builds ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
				EXECUTE FUNCTION record_index_build()""");
	}

	@AfterEach
	void dropDatabase() {
		this.jdbc.execute("DROP EVENT TRIGGER IF EXISTS record_index_builds");
		this.database.close();
	}

	@Test
	void theFirstMigrationsIndexesOfAnExistingSceneTableAreBuiltConcurrently() {
		migrate();

		for (String index : ExistingSceneIndexes.INDEXES.keySet()) {
			assertThat(builds(index)).as(index).anySatisfy((query) -> assertThat(query).contains("CONCURRENTLY"));
		}
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM pg_index WHERE indisvalid AND indexrelid::regclass::text = ANY(?)""", Integer.class,
				(Object) ExistingSceneIndexes.INDEXES.keySet().toArray(String[]::new)))
			.isEqualTo(ExistingSceneIndexes.INDEXES.size());
		assertThat(this.jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = ?", String.class,
				"idx_video_scenes_embedding_visual_clip_hnsw"))
			.contains("USING hnsw (embedding_visual_clip vector_cosine_ops)", "m='16'", "ef_construction='64'");
	}

	@Test
	void anIndexLeftInvalidByAnInterruptedBuildIsBuiltAgain() {
		this.jdbc.execute("CREATE INDEX idx_video_scenes_owner_id ON video_scenes (owner_id, id)");
		this.jdbc.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'idx_video_scenes_owner_id'::regclass");

		migrate();

		assertThat(this.jdbc.queryForObject(
				"SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_video_scenes_owner_id'::regclass", Boolean.class))
			.isTrue();
		assertThat(builds("idx_video_scenes_owner_id")).anySatisfy((query) -> assertThat(query).contains("CONCURRENTLY"));
	}

	@Test
	void theBuildsGetTheMemoryTheOperatorGivesThem(CapturedOutput output) {
		migrate(DataSize.ofMegabytes(200));

		assertThat(this.jdbc.queryForList("SELECT DISTINCT memory FROM index_builds WHERE query LIKE '%CONCURRENTLY%'",
				String.class)).containsExactly("200MB");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM index_builds WHERE query LIKE ?", Integer.class,
				"%idx_video_scenes_embedding_visual_clip_hnsw %")).isPositive();
		assertThat(output).as("a graph that fits is not announced").doesNotContain("maintenance_work_mem");
	}

	@Test
	void anHnswGraphThatDoesNotFitItsMemoryIsLoggedWithTheSettingThatHelps(CapturedOutput output) {
		// given: 1,150 embedded scenes, more than 1MB of graph
		this.jdbc.execute("""
				INSERT INTO video_scenes (id, video_id, owner_id, thumbnail_url, embedding_visual_clip)
				SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'c/' || n || '.jpg',
				  (SELECT array_agg(random())::vector(512) FROM generate_series(1, 512) d WHERE n IS NOT NULL)
				FROM generate_series(1, 1000) n""");

		// when
		migrate(DataSize.ofMegabytes(1));

		// then: built all the same; the operator is told before the build what memory would hold the graph,
		// and after it what pgvector said
		assertThat(this.jdbc.queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = "
				+ "'idx_video_scenes_embedding_visual_clip_hnsw'::regclass", Boolean.class)).isTrue();
		assertThat(output).containsPattern("WARN.*Building index idx_video_scenes_embedding_visual_clip_hnsw over 1150 "
				+ "embedded scenes: its graph takes about 3MB, more than the 1MB of maintenance_work_mem.*"
				+ "DATABASE_INDEX_BUILD_MEMORY=4MB would hold it");
		assertThat(output).containsPattern("WARN.*Building index idx_video_scenes_embedding_visual_clip_hnsw of "
				+ "video_scenes: hnsw graph no longer fits into maintenance_work_mem.*DATABASE_INDEX_BUILD_MEMORY");
	}

	private void migrate() {
		migrate(null);
	}

	private void migrate(DataSize indexBuildMemory) {
		Flyway flyway = Flyway.configure()
			.dataSource(this.database.dataSource())
			.locations("classpath:db/migration")
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load();
		new DatabaseMigrator(true, new DatabaseMigrationProperties(true, indexBuildMemory),
				new StaticListableBeanFactory().getBeanProvider(Flyway.class))
			.migrate(flyway);
	}

	private List<String> builds(String index) {
		return this.jdbc.queryForList("SELECT query FROM index_builds WHERE query LIKE ?", String.class,
				"%" + index + " %");
	}

}

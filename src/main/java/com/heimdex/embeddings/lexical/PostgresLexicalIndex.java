package com.heimdex.embeddings.lexical;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The default back end: {@code scene_search_documents} in the jobs' own database, a weighted
 * tsvector per scene (A transcript, B visual description + tags, C summary) under a GIN index,
 * searched by {@code search_scenes_lexical}. Written in the chunk's transaction.
 */
class PostgresLexicalIndex implements LexicalIndex {

	static final String TARGET = "postgresql";

	static final String TABLE = "scene_search_documents";

	private static final String UPSERT = """
			INSERT INTO scene_search_documents AS d (scene_id, video_id, owner_id, scene_index, document,
			    text_search_config, updated_at)
			SELECT u.id, u.video_id, u.owner_id, u.scene_index,
			       setweight(to_tsvector(c.config, coalesce(u.transcript, '')), 'A')
			       || setweight(to_tsvector(c.config, coalesce(u.visual, '')), 'B')
			       || setweight(to_tsvector(c.config, coalesce(u.summary, '')), 'C'),
			       c.config, now()
			FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[])
			         AS u(id, video_id, owner_id, scene_index, transcript, visual, summary),
			     (SELECT ?::regconfig AS config) AS c
			ON CONFLICT (scene_id) DO UPDATE SET video_id = excluded.video_id, owner_id = excluded.owner_id,
			    scene_index = excluded.scene_index, document = excluded.document,
			    text_search_config = excluded.text_search_config, updated_at = excluded.updated_at""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate savepoint;

	private final String textSearchConfig;

	PostgresLexicalIndex(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			LexicalIndexProperties settings) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.textSearchConfig = settings.textSearchConfig();
	}

	@Override
	public String target() {
		return TARGET;
	}

	@Override
	public String profile() {
		return TARGET + ":" + this.textSearchConfig;
	}

	/** Whether the database has this text-search configuration; {@code null} when it does, else the problem. */
	static String configurationProblem(JdbcTemplate jdbc, String textSearchConfig) {
		Boolean known = jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = ?"
						+ " OR cfgnamespace::regnamespace::text || '.' || cfgname = ?)",
				Boolean.class, textSearchConfig, textSearchConfig);
		if (Boolean.TRUE.equals(known)) {
			return null;
		}
		List<String> names = jdbc.queryForList("SELECT cfgname FROM pg_ts_config ORDER BY cfgname", String.class);
		return "LEXICAL_TEXT_SEARCH_CONFIG=" + textSearchConfig + " is not a text search configuration of this"
				+ " database; choose one of " + String.join(", ", names);
	}

	@Override
	public String open(LexicalIndexParameters parameters, long jobInstanceId) {
		if (!parameters.dryRun() && parameters.selected()) {
			this.jdbc.update("UPDATE lexical_search_settings SET text_search_config = ?::regconfig"
					+ " WHERE text_search_config IS DISTINCT FROM ?::regconfig", this.textSearchConfig,
					this.textSearchConfig);
		}
		return TABLE;
	}

	/**
	 * Writes the chunk's documents in one statement. When PostgreSQL refuses a document for what it
	 * holds (a tsvector over its 1 MB limit, text it cannot take), the documents are written one by
	 * one, each behind a savepoint, so that the refused ones are recorded and the others land; any
	 * other failure fails the chunk.
	 */
	@Override
	public List<LexicalOutcome> write(String indexName, List<LexicalWorkItem> items) {
		List<LexicalWorkItem> documents = items.stream().filter((item) -> !item.removed()).toList();
		List<LexicalWorkItem> removals = items.stream().filter(LexicalWorkItem::removed).toList();
		Map<UUID, LexicalOutcome> refused = new HashMap<>();
		if (!documents.isEmpty()) {
			try {
				inSavepoint(() -> upsert(documents));
			}
			catch (DataAccessException ex) {
				if (!refusesTheDocument(ex)) {
					throw ex;
				}
				for (LexicalWorkItem document : documents) {
					try {
						inSavepoint(() -> upsert(List.of(document)));
					}
					catch (DataAccessException refusal) {
						if (!refusesTheDocument(refusal)) {
							throw refusal;
						}
						refused.put(document.sceneId(), LexicalOutcome.failed(document,
								LexicalIndexError.DOCUMENT_REJECTED, rootMessage(refusal)));
					}
				}
			}
		}
		if (!removals.isEmpty()) {
			this.jdbc.update((connection) -> {
				PreparedStatement statement = connection
					.prepareStatement("DELETE FROM scene_search_documents WHERE scene_id = ANY (?::uuid[])");
				statement.setArray(1, connection.createArrayOf("uuid", removals.stream().map(LexicalWorkItem::sceneId).toArray(UUID[]::new)));
				return statement;
			});
		}
		return items.stream().map((item) -> refused.getOrDefault(item.sceneId(), LexicalOutcome.done(item))).toList();
	}

	private void upsert(List<LexicalWorkItem> documents) {
		this.jdbc.update((connection) -> {
			PreparedStatement statement = connection.prepareStatement(UPSERT);
			statement.setArray(1, connection.createArrayOf("uuid", documents.stream().map(LexicalWorkItem::sceneId).toArray()));
			statement.setArray(2, connection.createArrayOf("uuid", documents.stream().map(LexicalWorkItem::videoId).toArray()));
			statement.setArray(3, connection.createArrayOf("uuid", documents.stream().map(LexicalWorkItem::ownerId).toArray()));
			statement.setArray(4, connection.createArrayOf("int4", documents.stream().map(LexicalWorkItem::sceneIndex).toArray()));
			statement.setArray(5, connection.createArrayOf("text", documents.stream().map(LexicalWorkItem::transcript).toArray()));
			statement.setArray(6, connection.createArrayOf("text", documents.stream().map(LexicalWorkItem::visualText).toArray()));
			statement.setArray(7, connection.createArrayOf("text", documents.stream().map(LexicalWorkItem::summary).toArray()));
			statement.setString(8, this.textSearchConfig);
			return statement;
		});
	}

	private void inSavepoint(Runnable work) {
		this.savepoint.executeWithoutResult((status) -> work.run());
	}

	/** Program limits (class 54: a tsvector too long) and data exceptions (class 22) are about the document. */
	private static boolean refusesTheDocument(DataAccessException failure) {
		SQLException sql = (failure.getRootCause() instanceof SQLException root) ? root : null;
		String state = (sql != null) ? sql.getSQLState() : null;
		return state != null && (state.startsWith("54") || state.startsWith("22"));
	}

	private static String rootMessage(DataAccessException failure) {
		Throwable root = failure.getMostSpecificCause();
		return root.getMessage();
	}

	@Override
	public void complete(LexicalIndexParameters parameters, String indexName) {
		// documents are committed with their chunks: nothing to publish
	}

	@Override
	public String describe() {
		return "PostgreSQL (" + TABLE + ", text search configuration " + this.textSearchConfig + ")";
	}

}

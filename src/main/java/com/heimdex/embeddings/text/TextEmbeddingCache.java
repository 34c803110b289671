package com.heimdex.embeddings.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pgvector.PGvector;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Text embeddings by content in {@code text_embedding_cache}, keyed by model, dimension count and
 * the text's SHA-256. Entries older than {@link TextEmbeddingCacheProperties#ttl()} are ignored and
 * replaced. New entries are committed on their own, outside the caller's transaction, so that
 * vectors already paid for survive a chunk that fails afterwards.
 */
@Repository
public class TextEmbeddingCache {

	private static final String LOOKUP = """
			SELECT content_sha256, embedding::text AS embedding, token_count FROM text_embedding_cache
			WHERE model = ? AND dimensions = ? AND content_sha256 = ANY (?)
			  AND created_at > now() - make_interval(secs => ?)""";

	private static final String STORE = """
			INSERT INTO text_embedding_cache AS c (model, dimensions, content_sha256, embedding, token_count)
			SELECT ?, ?, u.sha, u.embedding::vector, u.tokens
			FROM unnest(?::text[], ?::text[], ?::int[]) AS u(sha, embedding, tokens)
			ON CONFLICT (model, dimensions, content_sha256) DO UPDATE
			SET embedding = EXCLUDED.embedding, token_count = EXCLUDED.token_count, created_at = now()
			WHERE c.created_at <= now() - make_interval(secs => ?)""";

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate ownTransaction;

	private final double ttlSeconds;

	TextEmbeddingCache(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			TextEmbeddingCacheProperties properties) {
		this.jdbcTemplate = jdbcTemplate;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.ttlSeconds = properties.ttl().toMillis() / 1000.0;
	}

	/** The unexpired entries for these content hashes, by hash; hashes without one are absent. */
	public Map<String, CachedEmbedding> lookup(String model, int dimensions, Collection<String> hashes) {
		Map<String, CachedEmbedding> found = new HashMap<>();
		if (hashes.isEmpty()) {
			return found;
		}
		this.jdbcTemplate.query((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(LOOKUP);
			statement.setString(1, model);
			statement.setInt(2, dimensions);
			statement.setArray(3, connection.createArrayOf("text", hashes.toArray()));
			statement.setDouble(4, this.ttlSeconds);
			return statement;
		}, (rs) -> {
			found.put(rs.getString("content_sha256"),
					new CachedEmbedding(vector(rs.getString("embedding")), rs.getInt("token_count")));
		});
		return found;
	}

	/** Stores new entries in a transaction of their own; an unexpired entry for the same key is kept. */
	public void store(String model, int dimensions, List<NewEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		String[] hashes = entries.stream().map(NewEntry::contentSha256).toArray(String[]::new);
		String[] vectors = entries.stream().map((entry) -> new PGvector(entry.vector()).getValue()).toArray(String[]::new);
		Integer[] tokens = entries.stream().map(NewEntry::tokens).toArray(Integer[]::new);
		this.ownTransaction.executeWithoutResult((status) -> this.jdbcTemplate.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(STORE)) {
				statement.setString(1, model);
				statement.setInt(2, dimensions);
				statement.setArray(3, connection.createArrayOf("text", hashes));
				statement.setArray(4, connection.createArrayOf("text", vectors));
				statement.setArray(5, connection.createArrayOf("int4", tokens));
				statement.setDouble(6, this.ttlSeconds);
				return statement.executeUpdate();
			}
		}));
	}

	/** Deletes the expired entries of every model. @return how many */
	public int deleteExpired() {
		return this.jdbcTemplate.update(
				"DELETE FROM text_embedding_cache WHERE created_at <= now() - make_interval(secs => ?)", this.ttlSeconds);
	}

	private static float[] vector(String text) throws SQLException {
		return new PGvector(text).toArray();
	}

	/**
	 * A cached embedding.
	 *
	 * @param vector the embedding
	 * @param tokens tokens the text counted when it was embedded
	 */
	public record CachedEmbedding(float[] vector, int tokens) {
	}

	/**
	 * An embedding to cache.
	 *
	 * @param contentSha256 the text's content hash
	 * @param vector its embedding
	 * @param tokens tokens it counted
	 */
	public record NewEntry(String contentSha256, float[] vector, int tokens) {
	}

}

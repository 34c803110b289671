package com.heimdex.embeddings.person;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;

/**
 * Keyset-ordered reader over the persons in scope whose query embedding is stale: its READY photos
 * (their ids and vectors, hashed in SQL) changed since it was computed, or it was computed by
 * another method or spec (every person in scope with {@code force}). Each comes with its READY
 * photos' vectors. Only photos embedded by the current CLIP method count ({@code method_fingerprint}
 * of their metadata): after a model change, a photo whose re-embedding failed keeps its vector of
 * the previous model, which a query must not average with vectors of the new one.
 */
public final class StalePersonReader {

	/** Per person: the SHA-256 of its READY photos and their vectors as {@code real[][]}. */
	private static final String PERSONS_WITH_PHOTOS = """
			(SELECT p.id, p.owner_id, p.query_embedding_metadata ->> 'photos_sha256' AS recorded_photos,
			    p.query_embedding_metadata ->> 'method_fingerprint' AS recorded_method,
			    p.embedding_spec_fingerprint AS recorded_spec, d.photos_sha256, d.vectors
			  FROM persons p CROSS JOIN LATERAL (
			    SELECT encode(sha256(convert_to(coalesce(string_agg(r.id::text || '=' || r.embedding::text, ';'
			        ORDER BY r.id), ''), 'UTF8')), 'hex') AS photos_sha256,
			      array_agg(r.embedding::real[] ORDER BY r.id) AS vectors
			    FROM person_reference_photos r
			    WHERE r.person_id = p.id AND r.status = 'READY' AND r.embedding IS NOT NULL
			      AND r.embedding_metadata ->> 'method_fingerprint' = :photoFingerprint) AS d
			  WHERE %s) AS persons_in_scope""";

	private StalePersonReader() {
	}

	/** The FROM clause: the persons in scope with their photos (named parameter {@code photoFingerprint}). */
	public static String from(String persons) {
		return "FROM " + PERSONS_WITH_PHOTOS.formatted(persons);
	}

	/** The WHERE clause (named parameters {@code queryFingerprint}, {@code specFingerprint}). */
	public static String where(boolean force) {
		return force ? "TRUE"
				: "(recorded_photos IS DISTINCT FROM photos_sha256 OR recorded_method IS DISTINCT FROM :queryFingerprint"
						+ " OR recorded_spec IS DISTINCT FROM :specFingerprint)";
	}

	/**
	 * @param persons condition on {@code persons p} selecting those in scope (unqualified owner_id)
	 * @param parameters its named parameters
	 * @param photoFingerprint the current CLIP method's fingerprint: only photos embedded by it count
	 */
	public static JdbcPagingItemReader<StalePerson> create(String name, DataSource dataSource, String persons,
			Map<String, Object> parameters, String photoFingerprint, String queryFingerprint, String specFingerprint,
			boolean force, int pageSize) throws Exception {
		Map<String, Object> values = new LinkedHashMap<>(parameters);
		values.put("photoFingerprint", photoFingerprint);
		values.put("queryFingerprint", queryFingerprint);
		values.put("specFingerprint", specFingerprint);
		JdbcPagingItemReader<StalePerson> reader = new JdbcPagingItemReaderBuilder<StalePerson>().name(name)
			.dataSource(dataSource)
			.selectClause("SELECT id, owner_id, photos_sha256, vectors")
			.fromClause(from(persons))
			.whereClause(where(force))
			.parameterValues(values)
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper((rs, row) -> new StalePerson(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
					rs.getString("photos_sha256"), vectors(rs)))
			.pageSize(pageSize)
			// Its rows stop matching once written, so a restart reads its query afresh (no saved
			// position: a paging reader's would skip rows of the first page after a restart).
			.saveState(false)
			.build();
		reader.afterPropertiesSet();
		return reader;
	}

	private static List<float[]> vectors(ResultSet rs) throws SQLException {
		Array array = rs.getArray("vectors");
		List<float[]> vectors = new ArrayList<>();
		if (array == null) {
			return vectors;
		}
		for (Object row : (Object[]) array.getArray()) {
			Object[] values = (Object[]) row;
			float[] vector = new float[values.length];
			for (int i = 0; i < values.length; i++) {
				vector[i] = ((Number) values[i]).floatValue();
			}
			vectors.add(vector);
		}
		return vectors;
	}

}

package com.heimdex.embeddings.person;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;

/**
 * Keyset-ordered reader over the reference photos of the persons in scope whose embedding is
 * missing, failed or made another way (all of them with {@code force}); a restart reads the
 * selection afresh, which no longer holds the photos the committed chunks embedded.
 */
public final class PendingPhotoReader {

	private PendingPhotoReader() {
	}

	/** Condition on {@code person_reference_photos} that a photo's vector is not current. */
	public static String staleCondition() {
		return "(embedding IS NULL OR status IS DISTINCT FROM 'READY' OR (embedding_metadata ->> 'error') IS NOT NULL"
				+ " OR (embedding_metadata ->> 'method_fingerprint') IS DISTINCT FROM :photoFingerprint)";
	}

	/**
	 * @param persons condition on {@code persons} selecting those in scope (named parameters)
	 * @param parameters the named parameters of {@code persons}
	 * @param photoFingerprint the current CLIP method fingerprint
	 * @param force every photo of the persons in scope
	 */
	public static JdbcPagingItemReader<PendingPhoto> create(String name, DataSource dataSource, String persons,
			Map<String, Object> parameters, String photoFingerprint, boolean force, int pageSize) throws Exception {
		Map<String, Object> values = new LinkedHashMap<>(parameters);
		values.put("photoFingerprint", photoFingerprint);
		JdbcPagingItemReader<PendingPhoto> reader = new JdbcPagingItemReaderBuilder<PendingPhoto>().name(name)
			.dataSource(dataSource)
			.selectClause("SELECT id, person_id, owner_id, photo_url")
			.fromClause("FROM person_reference_photos")
			.whereClause(where(persons, force))
			.parameterValues(values)
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper((rs, row) -> new PendingPhoto(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class),
					rs.getObject("owner_id", UUID.class), rs.getString("photo_url")))
			.pageSize(pageSize)
			// Its rows stop matching once written, so a restart reads its query afresh (no saved
			// position: a paging reader's would skip rows of the first page after a restart).
			.saveState(false)
			.build();
		reader.afterPropertiesSet();
		return reader;
	}

	/** The reader's condition, for counting what it will read. */
	public static String where(String persons, boolean force) {
		return "person_id IN (SELECT id FROM persons WHERE " + persons + ")" + (force ? "" : " AND " + staleCondition());
	}

}

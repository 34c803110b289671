package com.heimdex.embeddings.reprocess;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The videos to process of a run that are not at the current spec, or have a scene that is not,
 * in id order (keyset pages; a restart reads them afresh: videos marked current no longer match).
 */
class StaleVideoReader {

	private final DataSource dataSource;

	private final String where;

	private final Map<String, Object> parameters;

	private final int pageSize;

	StaleVideoReader(DataSource dataSource, VideoScope scope, String specFingerprint, int pageSize) {
		this.dataSource = dataSource;
		this.where = scope.videosToProcess() + " AND (v.embedding_spec_fingerprint IS DISTINCT FROM :specFingerprint"
				+ " OR EXISTS (SELECT 1 FROM video_scenes s WHERE s.video_id = v.id"
				+ " AND s.embedding_spec_fingerprint IS DISTINCT FROM :specFingerprint))";
		this.parameters = new LinkedHashMap<>(scope.parameters());
		this.parameters.put("specFingerprint", specFingerprint);
		this.pageSize = pageSize;
	}

	JdbcPagingItemReader<UUID> reader() throws Exception {
		JdbcPagingItemReader<UUID> reader = new JdbcPagingItemReaderBuilder<UUID>().name("staleVideos")
			.dataSource(this.dataSource)
			.selectClause("SELECT id")
			.fromClause("FROM videos v")
			.whereClause(this.where)
			.parameterValues(this.parameters)
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper((rs, row) -> rs.getObject("id", UUID.class))
			.pageSize(this.pageSize)
			// Its rows stop matching once written, so a restart reads its query afresh (no saved
			// position: a paging reader's would skip rows of the first page after a restart).
			.saveState(false)
			.build();
		reader.afterPropertiesSet();
		return reader;
	}

	long count() {
		Long count = new NamedParameterJdbcTemplate(this.dataSource)
			.queryForObject("SELECT count(*) FROM videos v WHERE " + this.where, this.parameters, Long.class);
		return (count != null) ? count : 0;
	}

}

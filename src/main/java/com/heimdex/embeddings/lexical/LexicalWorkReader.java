package com.heimdex.embeddings.lexical;

import java.sql.Array;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.support.CompositeItemReader;
import org.springframework.jdbc.core.RowMapper;

/**
 * Keyset-ordered readers of a {@link LexicalSceneSelection}: page by {@code id > last id}, so rows
 * that stop being pending as the step writes them never shift a page; a restart reads the
 * selection afresh, which no longer holds what the committed chunks wrote (with {@code force}, it
 * rewrites the step's documents from the start).
 */
final class LexicalWorkReader {

	private LexicalWorkReader() {
	}

	/** The gone scenes first (their removals), then the changed ones; each part resumes where it stopped. */
	static CompositeItemReader<LexicalWorkItem> create(String name, DataSource dataSource,
			LexicalSceneSelection selection, int pageSize) throws Exception {
		return new CompositeItemReader<>(List.of(part(name + ".gone", dataSource, selection.goneScenesFrom(), selection, pageSize),
				part(name + ".changed", dataSource, selection.changedScenesFrom(), selection, pageSize)));
	}

	private static JdbcPagingItemReader<LexicalWorkItem> part(String name, DataSource dataSource, String fromClause,
			LexicalSceneSelection selection, int pageSize) throws Exception {
		JdbcPagingItemReader<LexicalWorkItem> reader = new JdbcPagingItemReaderBuilder<LexicalWorkItem>().name(name)
			.dataSource(dataSource)
			.selectClause("SELECT " + LexicalSceneSelection.COLUMNS)
			.fromClause(fromClause)
			.whereClause(selection.whereClause())
			.parameterValues(selection.values())
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper(rowMapper())
			.pageSize(pageSize)
			// Its rows stop matching once written, so a restart reads its query afresh (no saved
			// position: a paging reader's would skip rows of the first page after a restart).
			.saveState(false)
			.build();
		reader.afterPropertiesSet();
		return reader;
	}

	private static RowMapper<LexicalWorkItem> rowMapper() {
		return (ResultSet rs, int row) -> {
			Array tags = rs.getArray("tags");
			List<String> tagList = (tags != null) ? Arrays.asList((String[]) tags.getArray()) : List.of();
			return new LexicalWorkItem(rs.getObject("id", UUID.class), rs.getObject("video_id", UUID.class),
					rs.getObject("owner_id", UUID.class), (Integer) rs.getObject("scene_index"), rs.getString("transcript"),
					rs.getString("visual_description"), tagList, rs.getString("summary"), rs.getString("content_sha256"),
					rs.getBoolean("removed"));
		};
	}

}

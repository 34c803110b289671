package com.heimdex.embeddings.scene;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;

/**
 * Keyset-ordered reader over the scenes of a CLIP selection ({@link ClipSceneSelection} or another job's): pages by {@code id >
 * last id}, so rows that stop matching as the job writes them never shift a page, and a restart
 * continues after the last id of the last committed chunk (kept in the step's execution context).
 */
public final class PendingClipSceneReader {

	private PendingClipSceneReader() {
	}

	/**
	 * @param name the reader's name in the execution context (keys of its restart state)
	 * @param pageSize rows per query; the chunk size is a good value
	 * @param maxScenes stop after this many scenes, or {@code null} for all
	 */
	public static JdbcPagingItemReader<PendingClipScene> create(String name, DataSource dataSource,
			SceneSelection selection, int pageSize, Long maxScenes) throws Exception {
		JdbcPagingItemReaderBuilder<PendingClipScene> builder = new JdbcPagingItemReaderBuilder<PendingClipScene>().name(name)
			.dataSource(dataSource)
			.selectClause("SELECT id, video_id, owner_id, scene_index, thumbnail_url")
			.fromClause("FROM video_scenes")
			.whereClause(selection.whereClause())
			.parameterValues(selection.parameters())
			.sortKeys(Map.of("id", Order.ASCENDING))
			.rowMapper((rs, row) -> new PendingClipScene(rs.getObject("id", java.util.UUID.class),
					rs.getObject("video_id", java.util.UUID.class), rs.getObject("owner_id", java.util.UUID.class),
					(Integer) rs.getObject("scene_index"), rs.getString("thumbnail_url")))
			.pageSize(pageSize)
			.saveState(true);
		if (maxScenes != null) {
			builder.maxItemCount(Math.toIntExact(Math.min(maxScenes, Integer.MAX_VALUE)));
		}
		JdbcPagingItemReader<PendingClipScene> reader = builder.build();
		reader.afterPropertiesSet();
		return reader;
	}

}

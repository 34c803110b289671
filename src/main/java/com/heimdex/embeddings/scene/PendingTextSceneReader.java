package com.heimdex.embeddings.scene;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowMapper;

/**
 * Keyset-ordered reader over the scenes of a {@link TextSceneSelection}, with the text of each
 * pending channel: pages by {@code id > last id}, so rows that stop being pending as the job writes
 * them never shift a page, and a restart continues after the last scene of the last committed chunk, whatever the page
 * size of the resume.
 */
public final class PendingTextSceneReader {

	private PendingTextSceneReader() {
	}

	/**
	 * @param name the reader's name in the execution context (keys of its restart state)
	 * @param pageSize rows per query; the chunk size is a good value
	 * @param maxScenes stop after this many scenes, or {@code null} for all
	 */
	public static SceneKeysetReader<PendingTextScene> create(String name, DataSource dataSource,
			TextSceneSelection selection, int pageSize, Long maxScenes) {
		return create(name, dataSource, selection, selection, pageSize, maxScenes);
	}

	/**
	 * A reader whose rows are another selection's (a narrower scope), with the channels, texts and
	 * pending flags of {@code channels}.
	 * @param rows which scenes are read; its condition includes the channels' pending condition
	 */
	public static SceneKeysetReader<PendingTextScene> create(String name, DataSource dataSource,
			TextSceneSelection channels, SceneSelection rows, int pageSize, Long maxScenes) {
		return new SceneKeysetReader<>(name, dataSource, channels.selectClause(), rows.passes(), rows.parameters(),
				rowMapper(channels), PendingTextScene::id, pageSize, maxScenes);
	}

	private static RowMapper<PendingTextScene> rowMapper(TextSceneSelection selection) {
		return (ResultSet rs, int row) -> new PendingTextScene(rs.getObject("id", UUID.class),
				rs.getObject("video_id", UUID.class), rs.getObject("owner_id", UUID.class),
				(Integer) rs.getObject("scene_index"), pendingTexts(rs, selection));
	}

	private static Map<TextChannel, String> pendingTexts(ResultSet rs, TextSceneSelection selection)
			throws SQLException {
		Map<TextChannel, String> texts = new EnumMap<>(TextChannel.class);
		for (TextChannel channel : selection.orderedChannels()) {
			if (rs.getBoolean(channel.key() + "_pending")) {
				texts.put(channel, rs.getString(channel.key() + "_text"));
			}
		}
		return texts;
	}

}

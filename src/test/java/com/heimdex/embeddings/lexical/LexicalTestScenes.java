package com.heimdex.embeddings.lexical;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/** Videos and scenes with texts for the lexical index tests. */
final class LexicalTestScenes {

	private LexicalTestScenes() {
	}

	static UUID video(JdbcTemplate jdbc, UUID owner, String status) {
		UUID id = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, ?)", id, owner, status);
		return id;
	}

	/** Inserts a scene; ids ascend with {@code index} so keyset order is insertion order. */
	static UUID scene(JdbcTemplate jdbc, UUID video, UUID owner, int index, String transcript, String visualDescription,
			List<String> tags, String summary) {
		UUID id = new UUID(0x1E70_0000_0000_0000L | ((long) index << 16), UUID.randomUUID().getLeastSignificantBits());
		String tagArray = (tags == null) ? null
				: tags.stream().map((tag) -> "\"" + tag + "\"").collect(Collectors.joining(",", "{", "}"));
		jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript, visual_description, tags, summary)
				VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?)""", id, video, owner, index, transcript, visualDescription, tagArray,
				summary);
		return id;
	}

	/** Scene ids {@code search_scenes_lexical} returns, best first. */
	static List<UUID> search(JdbcTemplate jdbc, String query, int count, UUID owner) {
		return jdbc.queryForList("SELECT id FROM search_scenes_lexical(query => ?, match_count => ?, filter_user_id => ?)",
				UUID.class, query, count, owner);
	}

	static long count(JdbcTemplate jdbc, String sql, Object... arguments) {
		return jdbc.queryForObject(sql, Long.class, arguments);
	}

}

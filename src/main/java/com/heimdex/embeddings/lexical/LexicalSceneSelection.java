package com.heimdex.embeddings.lexical;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lexical index step's work, as SQL: the scenes in scope whose document is not in the target
 * as it is now (never indexed, another content hash, another index, or a failed last attempt;
 * every scene with {@code force}), and the scenes the target still holds that are gone. Videos
 * that are {@code PROCESSING} are left alone, their scenes and their deletions both.
 *
 * @param target {@code postgresql} or {@code opensearch}
 * @param profile what besides the scene's fields makes its document (the back end and its text
 * settings): part of the content hash, so that changing it makes every document stale
 * @param indexName where documents go this run; documents recorded elsewhere are stale
 * @param parameters the run's scope
 */
record LexicalSceneSelection(String target, String profile, String indexName, LexicalIndexParameters parameters) {

	/** SHA-256 of a scene's document, over {@code video_scenes s}. */
	static final String CONTENT_SHA256 = "encode(sha256(convert_to(concat_ws(chr(31), :profile, s.owner_id::text,"
			+ " s.video_id::text, coalesce(s.scene_index::text, ''), coalesce(s.transcript, ''),"
			+ " coalesce(s.visual_description, ''), coalesce(array_to_string(s.tags, chr(30)), ''),"
			+ " coalesce(s.summary, '')), 'UTF8')), 'hex')";

	/** The columns both kinds of work rows have. */
	static final String COLUMNS = "id, video_id, owner_id, scene_index, transcript, visual_description, tags, summary,"
			+ " content_sha256, removed";

	/** The scenes in scope whose document must be written, ordered by {@code id} by the reader. */
	String changedScenesFrom() {
		List<String> scenes = new ArrayList<>(List.of("v.status IS DISTINCT FROM 'PROCESSING'"));
		if (this.parameters.videoId() != null) {
			scenes.add("s.video_id = :videoId");
		}
		if (this.parameters.ownerId() != null) {
			scenes.add("s.owner_id = :ownerId");
		}
		if (this.parameters.since() != null) {
			scenes.add("v.updated_at >= :since");
		}
		if (!this.parameters.force()) {
			scenes.add("(m.scene_id IS NULL OR m.error IS NOT NULL OR m.index_name IS DISTINCT FROM :indexName"
					+ " OR m.content_sha256 IS DISTINCT FROM " + CONTENT_SHA256 + ")");
		}
		return "FROM (SELECT s.id, s.video_id, s.owner_id, s.scene_index, s.transcript, s.visual_description, s.tags,"
				+ " s.summary, " + CONTENT_SHA256 + " AS content_sha256, false AS removed"
				+ " FROM video_scenes s JOIN videos v ON v.id = s.video_id"
				+ " LEFT JOIN scene_lexical_index m ON m.target = :target AND m.scene_id = s.id"
				+ " WHERE " + String.join(" AND ", scenes) + ") AS changed";
	}

	/**
	 * The scenes the target holds a document of that are gone, ordered by {@code id} by the
	 * reader. A reader of its own: in one query with the changed scenes, every page would look
	 * for gone scenes through the rest of the table again.
	 */
	String goneScenesFrom() {
		List<String> gone = new ArrayList<>(List.of("m.target = :target",
				"NOT EXISTS (SELECT 1 FROM video_scenes s WHERE s.id = m.scene_id)",
				"NOT EXISTS (SELECT 1 FROM videos v WHERE v.id = m.video_id AND v.status = 'PROCESSING')"));
		if (this.parameters.videoId() != null) {
			gone.add("m.video_id = :videoId");
		}
		if (this.parameters.ownerId() != null) {
			gone.add("m.owner_id = :ownerId");
		}
		return "FROM (SELECT m.scene_id AS id, m.video_id, m.owner_id, NULL::integer AS scene_index,"
				+ " NULL::text AS transcript, NULL::text AS visual_description, NULL::text[] AS tags,"
				+ " NULL::text AS summary, NULL::text AS content_sha256, true AS removed"
				+ " FROM scene_lexical_index m WHERE " + String.join(" AND ", gone) + ") AS gone";
	}

	/** Condition on the work rows: this process's partition; nothing when the run leaves this step out. */
	String whereClause() {
		if (!this.parameters.selected()) {
			return "false";
		}
		String partition = this.parameters.partition().condition();
		return (partition != null) ? partition : "true";
	}

	Map<String, Object> values() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("target", this.target);
		values.put("profile", this.profile);
		if (!this.parameters.force()) {
			values.put("indexName", this.indexName);
		}
		if (this.parameters.videoId() != null) {
			values.put("videoId", this.parameters.videoId());
		}
		if (this.parameters.ownerId() != null) {
			values.put("ownerId", this.parameters.ownerId());
		}
		if (this.parameters.since() != null) {
			values.put("since", OffsetDateTime.ofInstant(this.parameters.since(), ZoneOffset.UTC));
		}
		return values;
	}

}

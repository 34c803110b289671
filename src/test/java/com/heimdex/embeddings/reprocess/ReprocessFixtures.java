package com.heimdex.embeddings.reprocess;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.clip.ClipBackfillTestSupport;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;

import org.springframework.jdbc.core.JdbcTemplate;

/** Videos, scenes, persons and photos served by a local server, and what PostgreSQL holds of them. */
final class ReprocessFixtures {

	private final JdbcTemplate jdbc;

	private final ThumbnailTestServer server;

	private int next;

	ReprocessFixtures(JdbcTemplate jdbc, ThumbnailTestServer server) {
		this.jdbc = jdbc;
		this.server = server;
	}

	/** The tests' small generated CLIP model (the real input/output contract). */
	static Path model() {
		return ClipBackfillTestSupport.model();
	}

	UUID video(UUID owner, String status) {
		UUID id = new UUID(0x0100_0000_0000_0000L | ++this.next, UUID.randomUUID().getLeastSignificantBits());
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, ?)", id, owner, status);
		return id;
	}

	/** A scene with a transcript, a description, a tag and a thumbnail the server serves. */
	UUID scene(UUID video, UUID owner) {
		int n = ++this.next;
		UUID id = new UUID(0x5CE0_0000_0000_0000L | n, UUID.randomUUID().getLeastSignificantBits());
		String path = "/scene-" + id + ".jpg";
		this.server.serve(path, image(n), "image/jpeg");
		this.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url, transcript,
				  visual_description, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ARRAY['tag' || ?])""", id, video, owner, n,
				this.server.url(path), "Someone says line " + n, "A shot number " + n, n % 5);
		return id;
	}

	UUID person(UUID owner) {
		UUID id = new UUID(0x9E50_0000_0000_0000L | ++this.next, UUID.randomUUID().getLeastSignificantBits());
		this.jdbc.update("INSERT INTO persons (id, owner_id, name) VALUES (?, ?, ?)", id, owner, "person " + this.next);
		return id;
	}

	/** A reference photo the server serves. */
	UUID photo(UUID person, UUID owner) {
		int n = ++this.next;
		UUID id = new UUID(0x9407_0000_0000_0000L | n, UUID.randomUUID().getLeastSignificantBits());
		String path = "/photo-" + id + ".jpg";
		this.server.serve(path, image(n), "image/jpeg");
		this.jdbc.update("INSERT INTO person_reference_photos (id, person_id, owner_id, photo_url) VALUES (?, ?, ?, ?)",
				id, person, owner, this.server.url(path));
		return id;
	}

	/** A reference photo whose URL answers 404. */
	UUID missingPhoto(UUID person, UUID owner) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("INSERT INTO person_reference_photos (id, person_id, owner_id, photo_url) VALUES (?, ?, ?, ?)",
				id, person, owner, this.server.url("/missing-" + id + ".jpg"));
		return id;
	}

	/** Every embedding column and metadata of the scenes, as text, by scene id. */
	Map<String, String> scenesText(String columns) {
		return rows("SELECT id::text, concat_ws('|', " + columns + ") FROM video_scenes");
	}

	Map<String, String> photosText() {
		return rows("SELECT id::text, concat_ws('|', status, embedding::text, embedding_metadata::text, updated_at::text)"
				+ " FROM person_reference_photos");
	}

	Map<String, String> personsText() {
		return rows("SELECT id::text, concat_ws('|', query_embedding::text, query_embedding_metadata::text,"
				+ " embedding_spec_version, embedding_spec_fingerprint) FROM persons");
	}

	/** Everything of every row of the tables the job writes, by table and id. */
	Map<String, String> everything() {
		Map<String, String> all = new java.util.TreeMap<>();
		for (String table : List.of("videos", "video_scenes", "persons", "person_reference_photos")) {
			rows("SELECT id::text, t::text FROM " + table + " t").forEach((id, row) -> all.put(table + ":" + id, row));
		}
		return all;
	}

	private Map<String, String> rows(String sql) {
		Map<String, String> rows = new java.util.TreeMap<>();
		this.jdbc.query(sql, (rs) -> {
			rows.put(rs.getString(1), rs.getString(2));
		});
		return rows;
	}

	/** A thumbnail whose colour blocks depend on {@code seed}, so images get distinct vectors. */
	static byte[] image(int seed) {
		return ClipBackfillTestSupport.thumbnail(seed);
	}

}

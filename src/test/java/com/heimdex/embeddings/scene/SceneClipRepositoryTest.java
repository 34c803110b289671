package com.heimdex.embeddings.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.heimdex.embeddings.support.DatabaseTest;
import com.pgvector.PGvector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

class SceneClipRepositoryTest extends DatabaseTest {

	@Autowired
	private SceneClipRepository writer;

	private UUID video;

	@BeforeEach
	void cleanVideo() {
		this.jdbc.update("TRUNCATE videos CASCADE");
		this.video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", this.video, UUID.randomUUID());
	}

	@Test
	void storesEachSceneItsOwnVectorBitForBitAndNoneForAFailure() {
		// given: two embedded scenes around a failed one that has no vector yet
		UUID first = scene(vectorText(512, 0.5f));
		UUID failed = scene(null);
		UUID last = scene(null);
		float[] firstVector = vector(512, 1);
		float[] lastVector = vector(512, 2);

		// when
		int updated = this.writer.writeClip(List.of(new SceneClipResult(first, firstVector, "{\"error\": null}"),
				new SceneClipResult(failed, null, "{\"error\": \"clip_timeout\"}"),
				new SceneClipResult(last, lastVector, "{\"error\": null}")));

		// then
		assertThat(updated).isEqualTo(3);
		assertThat(storedVector(first)).isEqualTo(firstVector);
		assertThat(storedVector(last)).isEqualTo(lastVector);
		Map<String, Object> failedRow = this.jdbc.queryForMap(
				"SELECT embedding_visual_clip, visual_clip_metadata->>'error' AS error FROM video_scenes WHERE id = ?", failed);
		assertThat(failedRow.get("embedding_visual_clip")).isNull();
		assertThat(failedRow.get("error")).isEqualTo("clip_timeout");
	}

	@Test
	void aFailedReEmbeddingKeepsTheWorkingVectorAndRecordsTheFailureBesideIt() {
		// given: a scene embedded before, with the metadata of that vector
		UUID scene = scene(vectorText(512, 0.25f));
		this.jdbc.update("UPDATE video_scenes SET visual_clip_metadata = "
				+ "'{\"model_name\": \"ViT-B-32\", \"created_at\": \"2026-01-01T00:00:00Z\", \"error\": null}' WHERE id = ?",
				scene);
		String before = this.jdbc.queryForObject("SELECT embedding_visual_clip::text FROM video_scenes WHERE id = ?",
				String.class, scene);

		// when: its re-embedding fails
		this.writer.writeClip(List.of(new SceneClipResult(scene, null, "{\"error\": \"thumbnail_http_error\", "
				+ "\"error_detail\": \"HTTP 503\", \"created_at\": \"2026-02-01T00:00:00Z\", \"job_execution_id\": 7}")));

		// then: the vector is the one it had; the metadata still describes it, with the failure beside it
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT embedding_visual_clip::text AS vector, visual_clip_metadata->>'error' AS error,
				  visual_clip_metadata->>'error_detail' AS detail, visual_clip_metadata->>'created_at' AS created,
				  visual_clip_metadata->>'failed_at' AS failed, visual_clip_metadata->>'model_name' AS model
				FROM video_scenes WHERE id = ?""", scene);
		assertThat(row.get("vector")).isEqualTo(before);
		assertThat(row.get("error")).isEqualTo("thumbnail_http_error");
		assertThat(row.get("detail")).isEqualTo("HTTP 503");
		assertThat(row.get("created")).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(row.get("failed")).isEqualTo("2026-02-01T00:00:00Z");
		assertThat(row.get("model")).isEqualTo("ViT-B-32");
	}

	@Test
	void countsOnlyScenesStillThere() {
		// given: one scene of the chunk deleted meanwhile
		UUID kept = scene(null);
		UUID deleted = UUID.randomUUID();

		// when
		int updated = this.writer.writeClip(List.of(new SceneClipResult(deleted, vector(512, 3), "{}"),
				new SceneClipResult(kept, vector(512, 4), "{}")));

		// then
		assertThat(updated).isEqualTo(1);
		assertThat(storedVector(kept)).isEqualTo(vector(512, 4));
	}

	@Test
	void writesMetadataAloneWhenNoSceneOfTheChunkHasAVector() {
		// given
		UUID failed = scene(null);

		// when
		int updated = this.writer.writeClip(List.of(new SceneClipResult(failed, null, "{\"error\": \"image_decode_failed\"}")));

		// then
		assertThat(updated).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT visual_clip_metadata->>'error' FROM video_scenes WHERE id = ?",
				String.class, failed)).isEqualTo("image_decode_failed");
	}

	@Test
	void refusesVectorsOfDifferentLengthsWritingNothing() {
		// given
		UUID first = scene(null);
		UUID second = scene(null);

		// when / then
		assertThatThrownBy(() -> this.writer.writeClip(List.of(new SceneClipResult(first, vector(512, 5), "{}"),
				new SceneClipResult(second, vector(256, 6), "{}"))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("512 and 256");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM video_scenes WHERE embedding_visual_clip IS NOT NULL OR visual_clip_metadata IS NOT NULL",
				Long.class)).isZero();
	}

	private UUID scene(String embedding) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url, embedding_visual_clip)
				VALUES (?, ?, (SELECT owner_id FROM videos WHERE id = ?), 0, 'x.jpg', ?::vector)""", id, this.video,
				this.video, embedding);
		return id;
	}

	private float[] storedVector(UUID scene) {
		String text = this.jdbc.queryForObject("SELECT embedding_visual_clip::text FROM video_scenes WHERE id = ?",
				String.class, scene);
		try {
			return new PGvector(text).toArray();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Values of every magnitude a float has, smallest subnormal and largest finite included. */
	private static float[] vector(int length, int seed) {
		float[] vector = new float[length];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < length; i++) {
			vector[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-30, 30)));
		}
		vector[0] = Float.MIN_VALUE;
		vector[1] = -Float.MAX_VALUE;
		vector[2] = 0.1f;
		return vector;
	}

	private static String vectorText(int length, float value) {
		float[] vector = new float[length];
		Arrays.fill(vector, value);
		return Arrays.toString(vector);
	}

}

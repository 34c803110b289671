package com.heimdex.embeddings.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class SceneTextRepositoryTest extends DatabaseTest {

	/** The block number of a row's current version. */
	private static final String PAGE = "(ctid::text::point)[0]";

	@Autowired
	private SceneTextRepository repository;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void withRoomOnTheirPagesNewTextVectorsOfEmbeddedScenesGiveNoIndexANewEntry() {
		// given: a fill factor that leaves room on every page (jobs.md, "Updates of embedded scenes"),
		// pages of scenes with a CLIP vector under the HNSW index, and one scene of every full page (all
		// but the last)
		this.jdbc.execute("ALTER TABLE video_scenes SET (fillfactor = 90)");
		UUID video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, UUID.randomUUID());
		this.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url, embedding_visual_clip,
				    visual_clip_metadata)
				SELECT gen_random_uuid(), v.id, v.owner_id, i, 'https://storage.example/thumbnails/' || i || '.jpg',
				    l2_normalize((SELECT array_agg(sin(i * 512 + d)) FROM generate_series(1, 512) AS d)::vector),
				    jsonb_build_object('model_name', 'ViT-B-32', 'pretrained', 'openai', 'embed_dim', 512,
				        'normalized', true, 'device', 'cpu', 'frame_quality', 'thumbnail', 'inference_time_ms', 31,
				        'created_at', '2026-11-30T00:00:00Z', 'error', null)
				FROM videos v, generate_series(0, 149) AS i WHERE v.id = ?""", video);
		List<UUID> onePerFullPage = this.jdbc.queryForList("SELECT DISTINCT ON (" + PAGE + ") id FROM video_scenes "
				+ "WHERE " + PAGE + " < (SELECT max(" + PAGE + ") FROM video_scenes) ORDER BY " + PAGE + ", id", UUID.class);
		assertThat(onePerFullPage).hasSizeGreaterThanOrEqualTo(3);
		float[] transcript = new float[1536];
		transcript[7] = 1f;
		List<SceneTextResult> results = onePerFullPage.stream()
			.map((scene) -> new SceneTextResult(scene, new EnumMap<>(Map.of(TextChannel.TRANSCRIPT, transcript)),
					"{\"transcript\": {\"model\": \"text-embedding-3-small\", \"error\": null}}"))
			.toList();

		// when: a text run writes their transcript vectors in one chunk
		Long heapOnlyUpdates = new TransactionTemplate(this.transactionManager).execute((status) -> {
			this.repository.write(results);
			return this.jdbc.queryForObject(
					"SELECT n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'video_scenes'", Long.class);
		});

		// then: every new row version went on its own page as a heap-only tuple, so no index (the HNSW
		// one included) got an entry for it: the write changes no indexed column
		assertThat(heapOnlyUpdates).isEqualTo(onePerFullPage.size());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE id = ANY(?::uuid[]) "
				+ "AND embedding_transcript IS NOT NULL AND text_embedding_metadata -> 'transcript' ->> 'model' "
				+ "= 'text-embedding-3-small'", Long.class, (Object) onePerFullPage.toArray(UUID[]::new)))
			.isEqualTo(onePerFullPage.size());
	}

}

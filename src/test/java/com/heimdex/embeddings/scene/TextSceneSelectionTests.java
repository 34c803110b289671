package com.heimdex.embeddings.scene;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel texts, content hashes and pending predicate as PostgreSQL computes them. */
class TextSceneSelectionTests extends DatabaseTest {

	private static final String MODEL = "text-embedding-3-small";

	@Autowired
	private SceneCounts counts;

	private final UUID owner = UUID.randomUUID();

	private UUID video;

	@BeforeEach
	void cleanScenes() {
		this.jdbc.update("TRUNCATE videos CASCADE");
		this.video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", this.video, this.owner);
	}

	@Test
	void postgresqlAndJavaComputeTheSameContentHashOfNonAsciiText() {
		List<String> texts = List.of("안녕하세요, 카메라 앞에서 인사합니다.", "Café crème — naïve façade", "絵文字 🎬🍿 and ZWJ 👩‍👩‍👧",
				"e\u0301 combining", "tab\tinside and line\nbreak", "plain ascii");
		for (String text : texts) {
			UUID scene = scene(text, null, null);

			String sqlHash = this.jdbc.queryForObject("SELECT " + TextChannel.TRANSCRIPT.sha256Expression()
					+ " FROM video_scenes WHERE id = ?", String.class, scene);

			assertThat(sqlHash).as(text).isEqualTo(Sha256.ofText(text)).hasSize(64);
		}
	}

	@Test
	void theVisualTextIsTheDescriptionABlankLineAndTheTags() {
		assertThat(visualText(" A street at night \n", "{neon,rain}")).isEqualTo("A street at night\n\nTags: neon, rain");
		assertThat(visualText("Only a description", null)).isEqualTo("Only a description");
		assertThat(visualText(null, "{solo}")).isEqualTo("Tags: solo");
		assertThat(visualText("  ", "{}")).isEmpty();
		assertThat(visualText("도시의 밤", "{\"\",야경}")).isEqualTo("도시의 밤\n\nTags: 야경");
	}

	@Test
	void aChannelIsPendingWithoutEmbeddingOnErrorOrWhenHashModelOrDimensionsDiffer() {
		UUID current = scene("Words", "A view", null);
		embedded(current, "Words", MODEL, 1536, null);
		UUID changedText = scene("New words", null, null);
		embedded(changedText, "Old words", MODEL, 1536, null);
		UUID failedBefore = scene("Words", null, null);
		embedded(failedBefore, "Words", MODEL, 1536, "rate_limited");
		UUID noText = scene("  \n", null, null);
		UUID neverEmbedded = scene("Fresh words", null, null);

		TextSceneSelection transcript = selection(EnumSet.of(TextChannel.TRANSCRIPT), false, MODEL, 1536);

		assertThat(ids(transcript)).containsExactlyInAnyOrder(changedText, failedBefore, neverEmbedded);
		assertThat(ids(selection(EnumSet.of(TextChannel.TRANSCRIPT), false, "text-embedding-3-large", 1536)))
			.containsExactlyInAnyOrder(current, changedText, failedBefore, neverEmbedded);
		assertThat(ids(selection(EnumSet.of(TextChannel.TRANSCRIPT), false, MODEL, 512)))
			.containsExactlyInAnyOrder(current, changedText, failedBefore, neverEmbedded);
		assertThat(ids(selection(EnumSet.of(TextChannel.TRANSCRIPT), true, MODEL, 1536)))
			.containsExactlyInAnyOrder(current, changedText, failedBefore, neverEmbedded)
			.doesNotContain(noText);
		assertThat(ids(selection(EnumSet.of(TextChannel.VISUAL), false, MODEL, 1536))).containsExactly(current);
		assertThat(this.counts.pending(transcript)).isEqualTo(3);
	}

	@Test
	void theDocumentedMonitoringQueriesGiveTrueNumbers() {
		UUID done = scene("Words", "A view", "{tag}");
		this.jdbc.update("""
				UPDATE video_scenes SET embedding_transcript = array_fill(0.1, ARRAY[1536])::vector,
				  text_embedding_metadata = '{"transcript": {"model": "m", "dimensions": 1536, "cached": true, "error": null},
				    "visual": {"model": "m", "dimensions": 1536, "error": "rate_limited"}}'
				WHERE id = ?""", done);
		UUID failed = scene(null, "Another view", null);
		this.jdbc.update("""
				UPDATE video_scenes SET text_embedding_metadata = '{"visual": {"model": "m", "error": "rate_limited"}}'
				WHERE id = ?""", failed);
		scene("  ", null, "{}");

		Map<String, Object> coverage = this.jdbc.queryForMap("""
				SELECT
				  COUNT(*) FILTER (WHERE coalesce(btrim(transcript), '') <> '') AS transcript_text,
				  COUNT(embedding_transcript) AS transcript_embedded,
				  COUNT(*) FILTER (WHERE coalesce(btrim(visual_description), '') <> ''
				                      OR coalesce(cardinality(tags), 0) > 0) AS visual_text,
				  COUNT(embedding_visual) AS visual_embedded,
				  COUNT(*) FILTER (WHERE coalesce(btrim(summary), '') <> '') AS summary_text,
				  COUNT(embedding_summary) AS summary_embedded
				FROM video_scenes;""");
		List<Map<String, Object>> errors = this.jdbc.queryForList("""
				SELECT c.channel, c.entry->>'error' AS error, COUNT(*) AS count
				FROM video_scenes, jsonb_each(text_embedding_metadata) AS c(channel, entry)
				WHERE c.entry->>'error' IS NOT NULL
				GROUP BY c.channel, c.entry->>'error'
				ORDER BY count DESC;""");
		List<Map<String, Object>> models = this.jdbc.queryForList("""
				SELECT c.channel, c.entry->>'model' AS model, c.entry->>'dimensions' AS dimensions,
				  COUNT(*) AS embedded,
				  COUNT(*) FILTER (WHERE (c.entry->>'cached')::boolean) AS from_cache
				FROM video_scenes, jsonb_each(text_embedding_metadata) AS c(channel, entry)
				WHERE c.entry->>'error' IS NULL
				GROUP BY 1, 2, 3
				ORDER BY 1, 2, 3;""");
		List<Map<String, Object>> cache = this.jdbc.queryForList("""
				SELECT model, dimensions, COUNT(*) AS entries,
				  COUNT(*) FILTER (WHERE created_at <= now() - interval '30 days') AS expired
				FROM text_embedding_cache
				GROUP BY model, dimensions;""");

		assertThat(coverage).containsEntry("transcript_text", 1L).containsEntry("transcript_embedded", 1L)
			.containsEntry("visual_text", 2L).containsEntry("visual_embedded", 0L)
			.containsEntry("summary_text", 0L);
		assertThat(errors).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("channel", "visual")
				.containsEntry("error", "rate_limited")
				.containsEntry("count", 2L));
		assertThat(models).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("channel", "transcript")
				.containsEntry("embedded", 1L)
				.containsEntry("from_cache", 1L));
		assertThat(cache).isEmpty();
	}

	private UUID scene(String transcript, String visualDescription, String tags) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript, visual_description, tags)
				VALUES (?, ?, ?, 0, ?, ?, ?::text[])""", id, this.video, this.owner, transcript, visualDescription, tags);
		return id;
	}

	private String visualText(String description, String tags) {
		UUID scene = scene(null, description, tags);
		return this.jdbc.queryForObject("SELECT " + TextChannel.VISUAL.textExpression() + " FROM video_scenes WHERE id = ?",
				String.class, scene);
	}

	/** Records a transcript embedding of {@code text} as the job would. */
	private void embedded(UUID scene, String text, String model, int dimensions, String error) {
		this.jdbc.update("""
				UPDATE video_scenes SET embedding_transcript = CASE WHEN ?::text IS NULL THEN array_fill(0.1, ARRAY[1536])::vector END,
				  text_embedding_metadata = jsonb_build_object('transcript', jsonb_build_object('model', ?::text,
				    'dimensions', ?::int, 'content_sha256', ?::text, 'error', ?::text))
				WHERE id = ?""", error, model, dimensions, Sha256.ofText(text), error, scene);
	}

	private List<UUID> ids(TextSceneSelection selection) {
		return new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(this.jdbc).queryForList(
				"SELECT id FROM video_scenes WHERE " + selection.whereClause(), selection.parameters(), UUID.class);
	}

	private static TextSceneSelection selection(Set<TextChannel> channels, boolean force, String model,
			int dimensions) {
		return new TextSceneSelection(channels, force, null, null, null, model, dimensions, ScenePartition.ALL);
	}

}

package com.heimdex.embeddings.reprocess;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.heimdex.embeddings.scene.ScenePartition;
import com.heimdex.embeddings.sceneperson.PersonSceneReader;
import com.heimdex.embeddings.scene.SceneSelection;
import com.heimdex.embeddings.scene.TextSceneSelection;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.text.TextEmbeddingProperties;

/**
 * The scenes of a reprocess run's videos that a scene step has to redo, and the predicate that a
 * scene is current in every enabled scene step of the spec.
 */
final class StaleScenes {

	private StaleScenes() {
	}

	/** The spec's text channels, pending as {@code textBackfill} defines it (every channel with text with {@code force}). */
	static TextSceneSelection textChannels(TextEmbeddingProperties text, boolean force) {
		return new TextSceneSelection(EmbeddingSpecs.TEXT_CHANNELS, force, null, null, null, text.model(),
				text.dimensions(), ScenePartition.ALL);
	}

	/** Scenes of the videos in scope with a pending text channel. */
	static SceneSelection text(VideoScope scope, TextEmbeddingProperties text, boolean force) {
		TextSceneSelection channels = textChannels(text, force);
		Map<String, Object> parameters = new LinkedHashMap<>(scope.parameters());
		parameters.putAll(channels.parameters());
		return selection(scope.scenes() + " AND " + channels.whereClause(), parameters,
				"scenes with missing or outdated text embeddings" + (force ? " (force: every scene with text)" : ""));
	}

	/** Scenes of the videos in scope with a thumbnail whose CLIP vector is missing, failed or made another way. */
	static SceneSelection clip(VideoScope scope, String clipFingerprint, boolean force) {
		Map<String, Object> parameters = new LinkedHashMap<>(scope.parameters());
		String stale = "";
		if (!force) {
			parameters.put("clipFingerprint", clipFingerprint);
			stale = " AND " + clipStale();
		}
		return selection("thumbnail_url IS NOT NULL AND " + scope.scenes() + stale, parameters,
				"scenes whose CLIP vector is missing, failed or of another model" + (force ? " (force: all)" : ""));
	}

	/**
	 * Scenes of the videos in scope with a thumbnail whose persons were never found, failed, or were
	 * found another way (another detector, its settings, or CLIP model).
	 */
	static SceneSelection persons(VideoScope scope, String personsFingerprint, boolean force) {
		Map<String, Object> parameters = new LinkedHashMap<>(scope.parameters());
		String stale = "";
		if (!force) {
			parameters.put("personsFingerprint", personsFingerprint);
			stale = " AND " + PersonSceneReader.staleCondition();
		}
		return selection("thumbnail_url IS NOT NULL AND " + scope.scenes() + stale, parameters,
				"scenes whose persons were never found, failed, or found by another detector or model"
						+ (force ? " (force: all)" : ""));
	}

	/**
	 * Condition on {@code video_scenes} that a scene is current in every enabled scene step
	 * (named parameters from {@link #currentParameters}).
	 */
	static String current(EmbeddingSpec spec, TextEmbeddingProperties text) {
		StringBuilder condition = new StringBuilder("TRUE");
		if (spec.enabled(EmbeddingSpec.SCENE_TEXT)) {
			TextSceneSelection channels = textChannels(text, false);
			condition.append(" AND NOT (").append(channels.orderedChannels()
				.stream()
				.map(channels::pendingCondition)
				.collect(Collectors.joining(" OR "))).append(')');
		}
		if (spec.enabled(EmbeddingSpec.SCENE_CLIP)) {
			condition.append(" AND (thumbnail_url IS NULL OR NOT ").append(clipStale()).append(')');
		}
		if (spec.enabled(EmbeddingSpec.SCENE_PERSONS)) {
			condition.append(" AND (thumbnail_url IS NULL OR NOT ").append(PersonSceneReader.staleCondition()).append(')');
		}
		return condition.toString();
	}

	static Map<String, Object> currentParameters(EmbeddingSpec spec, TextEmbeddingProperties text) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (spec.enabled(EmbeddingSpec.SCENE_TEXT)) {
			parameters.putAll(textChannels(text, false).parameters());
		}
		if (spec.enabled(EmbeddingSpec.SCENE_CLIP)) {
			parameters.put("clipFingerprint", spec.stepFingerprint(EmbeddingSpec.SCENE_CLIP));
		}
		if (spec.enabled(EmbeddingSpec.SCENE_PERSONS)) {
			parameters.put("personsFingerprint", spec.stepFingerprint(EmbeddingSpec.SCENE_PERSONS));
		}
		return parameters;
	}

	private static String clipStale() {
		return "(embedding_visual_clip IS NULL OR (visual_clip_metadata ->> 'error') IS NOT NULL"
				+ " OR (visual_clip_metadata ->> 'method_fingerprint') IS DISTINCT FROM :clipFingerprint)";
	}

	private static SceneSelection selection(String where, Map<String, Object> parameters, String description) {
		return new SceneSelection() {

			@Override
			public String whereClause() {
				return where;
			}

			@Override
			public Map<String, Object> parameters() {
				return parameters;
			}

			@Override
			public String describe() {
				return description;
			}

		};
	}

}

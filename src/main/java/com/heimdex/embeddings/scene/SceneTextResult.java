package com.heimdex.embeddings.scene;

import java.util.Map;
import java.util.UUID;

/**
 * What a text run stores for one scene.
 *
 * @param sceneId the scene
 * @param vectors the new vector of each channel that got one; channels left out keep their column
 * @param metadataPatch a JSON object with one entry per channel processed, merged into
 * {@code text_embedding_metadata} (other channels' entries are kept)
 */
public record SceneTextResult(UUID sceneId, Map<TextChannel, float[]> vectors, String metadataPatch) {
}

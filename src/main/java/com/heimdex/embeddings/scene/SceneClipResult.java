package com.heimdex.embeddings.scene;

import java.util.UUID;

/**
 * What a CLIP run stores for one scene.
 *
 * @param sceneId the scene
 * @param embedding the L2-normalised vector, or {@code null} when the attempt failed
 * @param metadataJson the {@code visual_clip_metadata} document
 */
public record SceneClipResult(UUID sceneId, float[] embedding, String metadataJson) {
}

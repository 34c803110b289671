package com.heimdex.embeddings.scene;

import java.util.Map;
import java.util.UUID;

/**
 * A scene a text run will work on, as the pending-text reader returns it.
 *
 * @param id scene id (the keyset order)
 * @param videoId its video
 * @param ownerId its owner (tenant)
 * @param sceneIndex position in the video
 * @param texts the text of each pending channel (non-empty), in channel order
 */
public record PendingTextScene(UUID id, UUID videoId, UUID ownerId, Integer sceneIndex, Map<TextChannel, String> texts) {
}

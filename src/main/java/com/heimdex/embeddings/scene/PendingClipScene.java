package com.heimdex.embeddings.scene;

import java.util.UUID;

import com.heimdex.embeddings.pipeline.ImageSource;

/**
 * A scene a job will work on, as the pending-scene reader returns it.
 *
 * @param id scene id (the keyset order)
 * @param videoId its video
 * @param ownerId its owner (tenant)
 * @param sceneIndex position in the video
 * @param thumbnailUrl absolute URL or storage path of its thumbnail
 */
public record PendingClipScene(UUID id, UUID videoId, UUID ownerId, Integer sceneIndex, String thumbnailUrl) {

	/** The scene's image: its whole thumbnail. */
	public ImageSource thumbnail() {
		return ImageSource.whole(this.id, this.thumbnailUrl);
	}

}

package com.heimdex.embeddings.sceneperson;

import java.util.List;
import java.util.UUID;

/**
 * What the step gave for one scene: its detections (none is a result too), or its failure.
 *
 * @param sceneId the scene
 * @param ownerId its owner
 * @param detections the persons found, or {@code null} when the scene failed (its previous
 * detections stay)
 * @param metadataJson {@code video_scenes.scene_persons_metadata}: the result's, or the failure's
 * ({@code error}, {@code error_detail}, {@code created_at}, {@code job_execution_id})
 */
public record ScenePersonsResult(UUID sceneId, UUID ownerId, List<SceneDetection> detections, String metadataJson) {

	public boolean failed() {
		return this.detections == null;
	}

}

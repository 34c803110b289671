package com.heimdex.embeddings.clip;

import static com.heimdex.embeddings.batch.JobParameterValues.flag;
import static com.heimdex.embeddings.batch.JobParameterValues.uuid;

import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.scene.ClipSceneSelection;
import com.heimdex.embeddings.scene.ScenePartition;

/**
 * The job parameters of {@code clipBackfill}, typed (seeds' backfill options, same meanings).
 *
 * @param batchSize scenes per chunk: fetched together, embedded together, committed together
 * @param maxScenes stop after this many scenes, or {@code null} for all
 * @param processingDelaySeconds pause between scenes (CPU breathing room), 0 for none
 * @param clipTimeoutSeconds inference budget per image
 * @param forceRegenerate re-embed scenes that already have an embedding
 * @param retryFailed only scenes whose last attempt recorded an error
 * @param dryRun report what would be processed, write nothing
 * @param videoId only this video
 * @param userId only this owner
 * @param partition this process's slice of the scenes
 */
record ClipBackfillParameters(int batchSize, Long maxScenes, double processingDelaySeconds, double clipTimeoutSeconds,
		boolean forceRegenerate, boolean retryFailed, boolean dryRun, UUID videoId, UUID userId,
		ScenePartition partition) {

	static ClipBackfillParameters from(Map<String, Object> parameters) {
		return new ClipBackfillParameters(((Number) parameters.get("batchSize")).intValue(),
				(Long) parameters.get("maxScenes"), ((Number) parameters.get("processingDelay")).doubleValue(),
				((Number) parameters.get("clipTimeout")).doubleValue(), flag(parameters, "forceRegenerate"),
				flag(parameters, "retryFailed"), flag(parameters, "dryRun"), uuid(parameters, "videoId"),
				uuid(parameters, "userId"), new ScenePartition(PartitionOptions.partition(parameters),
						PartitionOptions.partitions(parameters)));
	}

	ClipSceneSelection selection() {
		return new ClipSceneSelection(this.forceRegenerate, this.retryFailed, this.videoId, this.userId, this.partition);
	}

}

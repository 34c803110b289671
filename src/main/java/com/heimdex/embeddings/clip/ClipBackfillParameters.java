package com.heimdex.embeddings.clip;

import static com.heimdex.embeddings.batch.JobParameterValues.flag;

import java.util.Map;

import com.heimdex.embeddings.scene.ClipSceneSelection;
import com.heimdex.embeddings.scene.SceneScope;

/**
 * The job parameters of {@code clipBackfill}, typed (seeds' backfill options, same meanings).
 *
 * @param batchSize scenes per chunk: fetched together, embedded together, committed together
 * @param processingDelaySeconds pause between scenes (CPU breathing room), 0 for none
 * @param clipTimeoutSeconds inference budget per image
 * @param forceRegenerate re-embed scenes that already have an embedding
 * @param retryFailed only scenes whose last attempt recorded an error
 * @param dryRun report what would be processed, write nothing
 * @param scope which scenes: video, owner, how many, partition
 */
record ClipBackfillParameters(int batchSize, double processingDelaySeconds, double clipTimeoutSeconds,
		boolean forceRegenerate, boolean retryFailed, boolean dryRun, SceneScope scope) {

	static ClipBackfillParameters from(Map<String, Object> parameters) {
		return new ClipBackfillParameters(((Number) parameters.get("batchSize")).intValue(),
				((Number) parameters.get("processingDelay")).doubleValue(),
				((Number) parameters.get("clipTimeout")).doubleValue(), flag(parameters, "forceRegenerate"),
				flag(parameters, "retryFailed"), flag(parameters, "dryRun"), SceneScope.from(parameters));
	}

	ClipSceneSelection selection() {
		return new ClipSceneSelection(this.forceRegenerate, this.retryFailed, this.scope.videoId(),
				this.scope.userId(), this.scope.partition());
	}

}

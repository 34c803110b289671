package com.heimdex.embeddings.text;

import static com.heimdex.embeddings.batch.JobParameterValues.flag;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.heimdex.embeddings.scene.SceneScope;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.scene.TextSceneSelection;

/**
 * The job parameters of {@code textBackfill}, typed (the seeds' options, same meanings).
 *
 * @param channels the text channels to embed
 * @param force re-embed every channel with text, current or not
 * @param batchSize scenes per chunk: their texts are embedded together and committed together
 * @param dryRun report what would be sent and what it would cost; send and write nothing
 * @param scope which scenes: video, owner, updated since, how many, partition
 * @param retryFailed only channels whose last attempt recorded an error, at once
 */
record TextBackfillParameters(Set<TextChannel> channels, boolean force, int batchSize, boolean dryRun,
		SceneScope scope, boolean retryFailed) {

	static TextBackfillParameters from(Map<String, Object> parameters) {
		Set<TextChannel> channels = Arrays.stream(String.valueOf(parameters.get("channels")).split(","))
			.map(String::trim)
			.map((key) -> TextChannel.ofKey(key)
				.orElseThrow(() -> new IllegalArgumentException("unknown text channel '" + key + "'")))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(TextChannel.class)));
		return new TextBackfillParameters(channels, flag(parameters, "force"),
				((Number) parameters.get("batchSize")).intValue(), flag(parameters, "dryRun"),
				SceneScope.from(parameters), flag(parameters, "retryFailed"));
	}

	TextSceneSelection selection(TextEmbeddingProperties settings) {
		return new TextSceneSelection(this.channels, this.force, this.scope.videoId(), this.scope.userId(),
				this.scope.since(), settings.model(), settings.dimensions(), this.scope.partition(), this.retryFailed);
	}

}

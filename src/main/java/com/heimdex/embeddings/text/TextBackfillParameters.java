package com.heimdex.embeddings.text;

import static com.heimdex.embeddings.batch.JobParameterValues.flag;
import static com.heimdex.embeddings.batch.JobParameterValues.uuid;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.scene.ScenePartition;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.scene.TextSceneSelection;

/**
 * The job parameters of {@code textBackfill}, typed (the seeds' options, same meanings).
 *
 * @param channels the text channels to embed
 * @param force re-embed every channel with text, current or not
 * @param videoId only this video
 * @param userId only this owner
 * @param since only scenes updated at or after this instant
 * @param maxScenes stop after this many scenes, or {@code null} for all
 * @param batchSize scenes per chunk: their texts are embedded together and committed together
 * @param dryRun report what would be sent and what it would cost; send and write nothing
 * @param partition this process's slice of the scenes
 * @param retryFailed only channels whose last attempt recorded an error, at once
 */
record TextBackfillParameters(Set<TextChannel> channels, boolean force, UUID videoId, UUID userId, Instant since,
		Long maxScenes, int batchSize, boolean dryRun, ScenePartition partition, boolean retryFailed) {

	static TextBackfillParameters from(Map<String, Object> parameters) {
		Set<TextChannel> channels = Arrays.stream(String.valueOf(parameters.get("channels")).split(","))
			.map(String::trim)
			.map((key) -> TextChannel.ofKey(key)
				.orElseThrow(() -> new IllegalArgumentException("unknown text channel '" + key + "'")))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(TextChannel.class)));
		Object since = parameters.get("since");
		return new TextBackfillParameters(channels, flag(parameters, "force"), uuid(parameters, "videoId"),
				uuid(parameters, "userId"), (since != null) ? Instant.parse(since.toString()) : null,
				(Long) parameters.get("maxScenes"), ((Number) parameters.get("batchSize")).intValue(),
				flag(parameters, "dryRun"), new ScenePartition(PartitionOptions.partition(parameters),
						PartitionOptions.partitions(parameters)), flag(parameters, "retryFailed"));
	}

	TextSceneSelection selection(TextEmbeddingProperties settings) {
		return new TextSceneSelection(this.channels, this.force, this.videoId, this.userId, this.since,
				settings.model(), settings.dimensions(), this.partition, this.retryFailed);
	}

}

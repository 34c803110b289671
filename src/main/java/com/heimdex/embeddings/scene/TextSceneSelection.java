package com.heimdex.embeddings.scene;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which scenes a text run works on, as SQL over {@code video_scenes}. A channel of a scene is
 * pending when it has text and either has no embedding, or its last attempt recorded an error, or
 * its metadata records another content hash, model or dimension count than the current ones; with
 * {@code force}, every channel with text is. A scene is pending when one of the chosen channels is.
 *
 * @param channels the channels to embed, never empty
 * @param force re-embed every channel with text, current or not
 * @param videoId only this video's scenes, or {@code null}
 * @param ownerId only this owner's scenes, or {@code null}
 * @param since only scenes updated at or after this instant, or {@code null}
 * @param model the model whose embeddings count as current
 * @param dimensions the vector length that counts as current
 * @param partition the slice of scenes this process takes
 * @param retryFailed only channels whose last attempt recorded an error, at once (no back-off)
 */
public record TextSceneSelection(Set<TextChannel> channels, boolean force, UUID videoId, UUID ownerId, Instant since,
		String model, int dimensions, ScenePartition partition, boolean retryFailed) implements SceneSelection {

	public TextSceneSelection {
		if (channels.isEmpty()) {
			throw new IllegalArgumentException("at least one text channel must be chosen");
		}
		if (force && retryFailed) {
			throw new IllegalArgumentException("force and retryFailed exclude each other");
		}
		channels = Collections.unmodifiableSet(EnumSet.copyOf(channels));
	}

	public TextSceneSelection(Set<TextChannel> channels, boolean force, UUID videoId, UUID ownerId, Instant since,
			String model, int dimensions, ScenePartition partition) {
		this(channels, force, videoId, ownerId, since, model, dimensions, partition, false);
	}

	/** The chosen channels in their declared order. */
	public List<TextChannel> orderedChannels() {
		return List.copyOf(this.channels);
	}

	/** SQL condition that the channel of a row is pending (see the class description). */
	public String pendingCondition(TextChannel channel) {
		String hasText = channel.textExpression() + " <> ''";
		if (this.force) {
			return "(" + hasText + ")";
		}
		String metadata = channel.metadataExpression();
		if (this.retryFailed) {
			return "(" + hasText + " AND (" + metadata + " ->> 'error') IS NOT NULL)";
		}
		return "(" + hasText + " AND (" + channel.embeddingColumn() + " IS NULL"
				+ " OR (" + metadata + " ->> 'error') IS NOT NULL"
				+ " OR (" + metadata + " ->> 'model') IS DISTINCT FROM :model"
				+ " OR (" + metadata + " ->> 'dimensions') IS DISTINCT FROM :dimensions"
				+ " OR (" + metadata + " ->> 'content_sha256') IS DISTINCT FROM " + channel.sha256Expression() + "))";
	}

	/** The SELECT list the pending-text reader needs: keys, and per chosen channel its text and whether it is pending. */
	public String selectClause() {
		StringBuilder select = new StringBuilder("SELECT id, video_id, owner_id, scene_index");
		for (TextChannel channel : orderedChannels()) {
			select.append(", ").append(channel.textExpression()).append(" AS ").append(channel.key()).append("_text");
			select.append(", ").append(pendingCondition(channel)).append(" AS ").append(channel.key()).append("_pending");
		}
		return select.toString();
	}

	/**
	 * The WHERE clause (without the keyword) of the pending scenes. Without {@code force}, scenes
	 * whose failed attempts are still in their back-off ({@link FailedAttemptBackoff}) are left out.
	 */
	@Override
	public String whereClause() {
		return (this.force || this.retryFailed) ? candidates()
				: candidates() + " AND " + FailedAttemptBackoff.TEXT.eligible();
	}

	/**
	 * The pending scenes as consecutive reads: without {@code force}, first the scenes without a
	 * failed attempt, then the failed ones whose back-off has passed; with it, one read.
	 */
	@Override
	public List<String> passes() {
		return (this.force || this.retryFailed) ? List.of(candidates()) : FailedAttemptBackoff.TEXT.passes(candidates());
	}

	private String candidates() {
		List<String> conditions = new ArrayList<>();
		if (this.videoId != null) {
			conditions.add("video_id = :videoId");
		}
		if (this.ownerId != null) {
			conditions.add("owner_id = :ownerId");
		}
		if (this.since != null) {
			conditions.add("updated_at >= :since");
		}
		if (this.partition.condition() != null) {
			conditions.add(this.partition.condition());
		}
		conditions.add("(" + orderedChannels().stream().map(this::pendingCondition).collect(Collectors.joining(" OR "))
				+ ")");
		return String.join(" AND ", conditions);
	}

	/** Named parameters of {@link #selectClause()} and {@link #whereClause()}. */
	@Override
	public Map<String, Object> parameters() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (!this.force) {
			parameters.put("model", this.model);
			parameters.put("dimensions", Integer.toString(this.dimensions));
			// the reader replaces it with its run's start, kept across restarts
			parameters.put(FailedAttemptBackoff.RUN_STARTED_AT, OffsetDateTime.now(ZoneOffset.UTC));
		}
		if (this.videoId != null) {
			parameters.put("videoId", this.videoId);
		}
		if (this.ownerId != null) {
			parameters.put("ownerId", this.ownerId);
		}
		if (this.since != null) {
			parameters.put("since", OffsetDateTime.ofInstant(this.since, ZoneOffset.UTC));
		}
		return parameters;
	}

	/** How the selection reads in a log line. */
	@Override
	public String describe() {
		String channelList = orderedChannels().stream().map(TextChannel::key).collect(Collectors.joining(", "));
		return (this.force ? "every scene with text (force)"
				: this.retryFailed ? "scenes whose last attempt failed (retryFailed)"
						: "scenes with missing or outdated embeddings")
				+ " in channels " + channelList + ((this.videoId != null) ? ", video " + this.videoId : "")
				+ ((this.ownerId != null) ? ", owner " + this.ownerId : "")
				+ ((this.since != null) ? ", updated since " + this.since : "")
				+ ((this.partition.count() > 1) ? ", partition " + this.partition : "");
	}

}

package com.heimdex.embeddings.scene;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which scenes a CLIP run works on, as SQL over {@code video_scenes}: scenes with a thumbnail and
 * no CLIP embedding; all scenes with a thumbnail ({@code forceRegenerate}); or only those whose
 * last attempt recorded an error ({@code retryFailed}); narrowed to one video and/or one owner.
 *
 * @param forceRegenerate every scene with a thumbnail, embedded or not
 * @param retryFailed only scenes without an embedding whose metadata records an error
 * @param videoId only this video's scenes, or {@code null}
 * @param ownerId only this owner's scenes, or {@code null}
 * @param partition the slice of scenes this process takes
 */
public record ClipSceneSelection(boolean forceRegenerate, boolean retryFailed, UUID videoId, UUID ownerId,
		ScenePartition partition) implements SceneSelection {

	public ClipSceneSelection {
		if (forceRegenerate && retryFailed) {
			throw new IllegalArgumentException("forceRegenerate and retryFailed exclude each other");
		}
	}

	/**
	 * The WHERE clause (without the keyword) of the scenes to work on. A default run leaves out the
	 * scenes whose failed attempts are still in their back-off ({@link FailedAttemptBackoff});
	 * {@code retryFailed} and {@code forceRegenerate} take them at once.
	 */
	@Override
	public String whereClause() {
		return isDefaultRun() ? candidates() + " AND " + FailedAttemptBackoff.CLIP.eligible() : candidates();
	}

	/**
	 * The scenes to work on as consecutive reads: for a default run first the scenes without a
	 * failed attempt, then the failed ones whose back-off has passed; otherwise one read.
	 */
	@Override
	public List<String> passes() {
		return isDefaultRun() ? FailedAttemptBackoff.CLIP.passes(candidates()) : List.of(candidates());
	}

	private boolean isDefaultRun() {
		return !this.retryFailed && !this.forceRegenerate;
	}

	private String candidates() {
		List<String> conditions = new ArrayList<>(filters());
		conditions.add(0, "thumbnail_url IS NOT NULL");
		if (this.retryFailed) {
			conditions.add("embedding_visual_clip IS NULL AND (visual_clip_metadata ->> 'error') IS NOT NULL");
		}
		else if (!this.forceRegenerate) {
			conditions.add("embedding_visual_clip IS NULL");
		}
		return String.join(" AND ", conditions);
	}

	/** The WHERE clause of the scenes in scope that have no thumbnail (never fetched). */
	public String noThumbnailWhereClause() {
		List<String> conditions = new ArrayList<>(filters());
		conditions.add(0, "thumbnail_url IS NULL");
		return String.join(" AND ", conditions);
	}

	/** Named parameters of both clauses. */
	@Override
	public Map<String, Object> parameters() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (this.videoId != null) {
			parameters.put("videoId", this.videoId);
		}
		if (this.ownerId != null) {
			parameters.put("ownerId", this.ownerId);
		}
		// the reader replaces it with its run's start, kept across restarts
		parameters.put(FailedAttemptBackoff.RUN_STARTED_AT, OffsetDateTime.now(ZoneOffset.UTC));
		return parameters;
	}

	/** How the selection reads in a log line. */
	@Override
	public String describe() {
		String mode = this.forceRegenerate ? "all scenes with a thumbnail (forceRegenerate)"
				: this.retryFailed ? "scenes whose last CLIP attempt failed (retryFailed)"
						: "scenes with a thumbnail and no CLIP embedding";
		return mode + ((this.videoId != null) ? ", video " + this.videoId : "")
				+ ((this.ownerId != null) ? ", owner " + this.ownerId : "")
				+ ((this.partition.count() > 1) ? ", partition " + this.partition : "");
	}

	private List<String> filters() {
		List<String> filters = new ArrayList<>();
		if (this.videoId != null) {
			filters.add("video_id = :videoId");
		}
		if (this.ownerId != null) {
			filters.add("owner_id = :ownerId");
		}
		if (this.partition.condition() != null) {
			filters.add(this.partition.condition());
		}
		return filters;
	}

}

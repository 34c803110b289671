package com.heimdex.embeddings.reprocess;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.scene.ScenePartition;

/**
 * The videos and persons a reprocess run covers, as SQL. Videos: the one video, the owner's or all,
 * updated since a time, up to the last video a {@code maxVideos} run takes, in this process's
 * partition (by video id, so that a video's scenes are all in one partition), never those in
 * {@code PROCESSING}. Persons: those of the owners in scope (the video's owner for scope
 * {@code video}), in this process's partition by person id.
 *
 * @param videoId only this video, or {@code null}
 * @param ownerId only this owner's videos and persons, or {@code null}
 * @param since only videos updated at or after this instant, or {@code null}
 * @param lastVideoId no video after this id, or {@code null}
 * @param partition this process's slice
 */
public record VideoScope(UUID videoId, UUID ownerId, Instant since, UUID lastVideoId, ScenePartition partition) {

	/** Condition on {@code videos v}: in scope, whatever the status. */
	public String videosInScope() {
		List<String> conditions = new ArrayList<>();
		conditions.add("TRUE");
		if (this.videoId != null) {
			conditions.add("v.id = :videoId");
		}
		if (this.ownerId != null) {
			conditions.add("v.owner_id = :ownerId");
		}
		if (this.since != null) {
			conditions.add("v.updated_at >= :since");
		}
		if (this.partition.count() > 1) {
			conditions.add(hashSlice("v.id"));
		}
		return String.join(" AND ", conditions);
	}

	/** Condition on {@code videos v}: in scope and not {@code PROCESSING}, up to the last video id. */
	public String videosToProcess() {
		return videosInScope() + " AND v.status IS DISTINCT FROM 'PROCESSING'"
				+ ((this.lastVideoId != null) ? " AND v.id <= :lastVideoId" : "");
	}

	/** Condition on {@code video_scenes}: scenes of the videos to process. */
	public String scenes() {
		return "video_id IN (SELECT v.id FROM videos v WHERE " + videosToProcess() + ")";
	}

	/** Condition on a table with {@code owner_id} and a person id column: the persons in scope. */
	public String persons(String personIdColumn) {
		List<String> conditions = new ArrayList<>();
		conditions.add("TRUE");
		if (this.ownerId != null) {
			conditions.add("owner_id = :ownerId");
		}
		if (this.videoId != null) {
			conditions.add("owner_id = (SELECT owner_id FROM videos WHERE id = :videoId)");
		}
		if (this.partition.count() > 1) {
			conditions.add(hashSlice(personIdColumn));
		}
		return String.join(" AND ", conditions);
	}

	/** Values of the conditions' named parameters. */
	public Map<String, Object> parameters() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (this.videoId != null) {
			parameters.put("videoId", this.videoId);
		}
		if (this.ownerId != null) {
			parameters.put("ownerId", this.ownerId);
		}
		if (this.since != null) {
			parameters.put("since", OffsetDateTime.ofInstant(this.since, ZoneOffset.UTC));
		}
		if (this.lastVideoId != null) {
			parameters.put("lastVideoId", this.lastVideoId);
		}
		return parameters;
	}

	private String hashSlice(String column) {
		return "mod(abs(hashtext(" + column + "::text)::bigint), " + this.partition.count() + ") = "
				+ this.partition.index();
	}

}

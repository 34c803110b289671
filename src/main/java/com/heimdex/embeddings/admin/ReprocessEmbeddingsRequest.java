package com.heimdex.embeddings.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * seeds/004's request body of {@code POST /v1/admin/reprocess-embeddings}.
 *
 * @param scope {@code video}, {@code owner} or {@code all}
 * @param videoId the video of scope {@code video}
 * @param ownerId the owner of scope {@code owner}
 * @param force redo even what is current
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ReprocessEmbeddingsRequest(String scope, String videoId, String ownerId, Boolean force) {

	/**
	 * The {@code reprocess} job's parameters for this request.
	 * @throws InvalidRequestFieldException naming the offending field
	 */
	List<String> toJobParameters() {
		if (this.scope == null || this.scope.isBlank()) {
			throw new InvalidRequestFieldException("scope", "scope is required: one of video, owner, all");
		}
		List<String> words = new ArrayList<>();
		words.add("scope=" + this.scope);
		switch (this.scope) {
			case "video" -> {
				words.add("videoId=" + uuid("video_id", this.videoId));
				refuse("owner_id", this.ownerId);
			}
			case "owner" -> {
				words.add("ownerId=" + uuid("owner_id", this.ownerId));
				refuse("video_id", this.videoId);
			}
			case "all" -> {
				refuse("video_id", this.videoId);
				refuse("owner_id", this.ownerId);
			}
			default -> throw new InvalidRequestFieldException("scope",
					"unknown scope '" + this.scope + "'; expected one of video, owner, all");
		}
		words.add("force=" + Boolean.TRUE.equals(this.force));
		return words;
	}

	UUID videoUuid() {
		return (this.videoId != null) ? UUID.fromString(this.videoId) : null;
	}

	UUID ownerUuid() {
		return (this.ownerId != null) ? UUID.fromString(this.ownerId) : null;
	}

	private UUID uuid(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidRequestFieldException(field, field + " is required with scope=" + this.scope);
		}
		try {
			UUID uuid = UUID.fromString(value);
			if (uuid.toString().equalsIgnoreCase(value)) {
				return uuid;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new InvalidRequestFieldException(field, field + " '" + value
				+ "' is not a UUID (expected the form 12345678-1234-1234-1234-123456789012)");
	}

	private void refuse(String field, String value) {
		if (value != null) {
			throw new InvalidRequestFieldException(field, field + " is not allowed with scope=" + this.scope);
		}
	}

}

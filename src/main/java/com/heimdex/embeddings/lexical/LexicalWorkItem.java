package com.heimdex.embeddings.lexical;

import java.util.List;
import java.util.UUID;

/**
 * One unit of the lexical index step: a scene whose document must be written (its texts as read,
 * with the hash of that document), or a scene that is gone and must leave the index.
 *
 * @param sceneId the scene, the document's id in every back end
 * @param videoId its video
 * @param ownerId its owner (the tenant)
 * @param sceneIndex its position in the video, or {@code null}
 * @param transcript the transcript, or {@code null}
 * @param visualDescription the visual description, or {@code null}
 * @param tags the tags in stored order (empty when none)
 * @param summary the summary, or {@code null}
 * @param contentSha256 SHA-256 of the document (back end profile and every field), or
 * {@code null} for a removal
 * @param removed whether the scene is gone and its document must be deleted
 */
public record LexicalWorkItem(UUID sceneId, UUID videoId, UUID ownerId, Integer sceneIndex, String transcript,
		String visualDescription, List<String> tags, String summary, String contentSha256, boolean removed) {

	public LexicalWorkItem {
		tags = (tags != null) ? List.copyOf(tags.stream().filter((tag) -> tag != null).toList()) : List.of();
	}

	/** The visual description and the tags as one text, as the visual field is searched. */
	String visualText() {
		String description = (this.visualDescription != null) ? this.visualDescription.trim() : "";
		String tagText = String.join(" ", this.tags).trim();
		return (description + " " + tagText).trim();
	}

}

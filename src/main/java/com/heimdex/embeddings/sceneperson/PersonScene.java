package com.heimdex.embeddings.sceneperson;

import java.util.List;
import java.util.UUID;

/**
 * A scene of the {@code scenePersons} step as it goes through the pipeline: read, then with the
 * boxes found in its thumbnail and their crops' CLIP inputs, then with the crops' vectors.
 *
 * @param id scene id (the keyset order)
 * @param ownerId its owner
 * @param thumbnailUrl absolute URL or storage path of its thumbnail
 * @param boxes the persons found, in source pixels; {@code null} until detected
 * @param crops each box's crop as CLIP's 8-bit input planes; {@code null} until detected, let go
 * once embedded
 * @param embeddings each box's crop's vector; {@code null} until embedded
 */
public record PersonScene(UUID id, UUID ownerId, String thumbnailUrl, List<PersonBox> boxes, List<byte[]> crops,
		List<float[]> embeddings) {

	/** A scene as read. */
	public static PersonScene read(UUID id, UUID ownerId, String thumbnailUrl) {
		return new PersonScene(id, ownerId, thumbnailUrl, null, null, null);
	}

	PersonScene detected(List<PersonBox> found, List<byte[]> cropped) {
		return new PersonScene(this.id, this.ownerId, this.thumbnailUrl, List.copyOf(found), List.copyOf(cropped), null);
	}

	PersonScene embedded(List<float[]> vectors) {
		if (vectors.size() != this.boxes.size()) {
			throw new IllegalStateException(
					"scene " + this.id + " has " + this.boxes.size() + " boxes but " + vectors.size() + " vectors");
		}
		return new PersonScene(this.id, this.ownerId, this.thumbnailUrl, this.boxes, null, List.copyOf(vectors));
	}

	/** Its detections, once embedded. */
	public List<SceneDetection> detections() {
		return java.util.stream.IntStream.range(0, this.boxes.size())
			.mapToObj((i) -> new SceneDetection(this.boxes.get(i), this.embeddings.get(i)))
			.toList();
	}

}

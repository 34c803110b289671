package com.heimdex.embeddings.person;

import java.util.UUID;

import com.heimdex.embeddings.pipeline.ImageSource;

/**
 * A person reference photo to embed.
 *
 * @param id photo id (the keyset order)
 * @param personId its person
 * @param ownerId its owner (tenant)
 * @param photoUrl absolute URL or storage path of the photo
 */
public record PendingPhoto(UUID id, UUID personId, UUID ownerId, String photoUrl) {

	/** The photo's image: all of it. */
	public ImageSource image() {
		return ImageSource.whole(this.id, this.photoUrl);
	}

}

package com.heimdex.embeddings.pipeline;

import java.util.UUID;

/**
 * Where an image to embed is: a scene's thumbnail, a person's reference photo, or a part of
 * either.
 *
 * @param id what the image belongs to (a scene, a photo), for logs
 * @param location an absolute http(s) URL, or a storage path resolved against the storage base URL
 * @param crop the part of the image to embed, in source pixels; {@code null} for the whole image
 */
public record ImageSource(UUID id, String location, CropBox crop) {

	/** The whole image at this location. */
	public static ImageSource whole(UUID id, String location) {
		return new ImageSource(id, location, null);
	}

}

package com.heimdex.embeddings.sceneperson;

import java.util.List;

import com.heimdex.embeddings.pipeline.CropBox;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;

/** Finds the persons in a decoded thumbnail, and the part of it to embed for each: the person detector. */
public interface PersonFinder {

	/**
	 * The persons in the image, thresholds, non-maximum suppression and limits applied.
	 * @return boxes in source pixels, with the source image's size; none is a result too
	 */
	List<PersonBox> find(DecodedThumbnail thumbnail);

	/** The part of the image to embed for a box: the box with its margin, clamped to the image, in source pixels. */
	CropBox cropFor(PersonBox box);

}

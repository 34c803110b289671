package com.heimdex.embeddings.sceneperson;

/**
 * A detection's box as {@code scene_person_embeddings.bbox} stores it: corners in source pixels
 * (the image as stored, before any subsampling), the detector's score, and the source image's size.
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge
 * @param y2 bottom edge
 * @param score the detector's confidence, 0..1
 * @param imageWidth width of the source image
 * @param imageHeight height of the source image
 */
public record PersonBox(float x1, float y1, float x2, float y2, float score, int imageWidth, int imageHeight) {

	/** The box and its score, without the image's size. */
	public DetectedBox box() {
		return new DetectedBox(this.x1, this.y1, this.x2, this.y2, this.score);
	}

	/** Intersection over union with another box (0 when they do not overlap). */
	public double iou(PersonBox other) {
		return box().iou(other.box());
	}

}

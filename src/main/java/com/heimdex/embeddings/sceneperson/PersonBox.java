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

	/** Intersection over union with another box (0 when they do not overlap). */
	public double iou(PersonBox other) {
		double width = Math.min(this.x2, other.x2) - Math.max(this.x1, other.x1);
		double height = Math.min(this.y2, other.y2) - Math.max(this.y1, other.y1);
		if (width <= 0 || height <= 0) {
			return 0;
		}
		double intersection = width * height;
		double union = area() + other.area() - intersection;
		return (union > 0) ? intersection / union : 0;
	}

	private double area() {
		return Math.max(0, (double) this.x2 - this.x1) * Math.max(0, (double) this.y2 - this.y1);
	}

}

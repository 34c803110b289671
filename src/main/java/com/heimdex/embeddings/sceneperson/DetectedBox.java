package com.heimdex.embeddings.sceneperson;

/**
 * A person's box in source pixels (the stored image's full-resolution coordinates; {@code x2}
 * and {@code y2} are exclusive edges), with the detector's score.
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge, exclusive
 * @param y2 bottom edge, exclusive
 * @param score the detector's confidence, 0 to 1
 */
public record DetectedBox(float x1, float y1, float x2, float y2, float score) {

	public float width() {
		return Math.max(0, this.x2 - this.x1);
	}

	public float height() {
		return Math.max(0, this.y2 - this.y1);
	}

	/** Intersection over union: 0 for boxes apart, 1 for the same box. */
	public double iou(DetectedBox other) {
		double overlapWidth = Math.min(this.x2, other.x2) - Math.max(this.x1, other.x1);
		double overlapHeight = Math.min(this.y2, other.y2) - Math.max(this.y1, other.y1);
		if (overlapWidth <= 0 || overlapHeight <= 0) {
			return 0;
		}
		double intersection = overlapWidth * overlapHeight;
		double union = (double) width() * height() + (double) other.width() * other.height() - intersection;
		return (union > 0) ? intersection / union : 0;
	}

}

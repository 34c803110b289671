package com.heimdex.embeddings.sceneperson;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a detector's outputs into the boxes scoring above a threshold, in input pixels, as each
 * format's reference post-processing does before its non-maximum suppression.
 */
final class CandidateBoxes {

	private static final int YOLOV8_ROWS = 84;

	private static final int YOLOV8_BOX_ROWS = 4;

	private CandidateBoxes() {
	}

	/**
	 * UltraFace: {@code scores} [1,N,2] (background, face) and {@code boxes} [1,N,4] corners as
	 * fractions of the input; a box counts when its face score exceeds the threshold.
	 */
	static List<DetectedBox> ultraface(float[] scores, float[] boxes, int candidates, double threshold) {
		float width = DetectorFormat.ULTRAFACE.inputWidth();
		float height = DetectorFormat.ULTRAFACE.inputHeight();
		List<DetectedBox> found = new ArrayList<>();
		for (int i = 0; i < candidates; i++) {
			float score = scores[2 * i + 1];
			if (score > threshold) {
				int at = 4 * i;
				found.add(new DetectedBox(boxes[at] * width, boxes[at + 1] * height, boxes[at + 2] * width,
						boxes[at + 3] * height, score));
			}
		}
		return found;
	}

	/**
	 * YOLOv8: [1,84,N], rows cx, cy, w, h in input pixels then 80 class scores. A box is a person
	 * when its person score (class 0) exceeds the threshold and no other class scores higher, as
	 * Ultralytics' NMS with {@code classes=[0]} keeps only boxes whose best class is a person.
	 */
	static List<DetectedBox> yolov8(float[] predictions, int candidates, double threshold) {
		List<DetectedBox> found = new ArrayList<>();
		int personRow = YOLOV8_BOX_ROWS * candidates;
		for (int i = 0; i < candidates; i++) {
			float score = predictions[personRow + i];
			if (!(score > threshold) || !bestClassIsPerson(predictions, candidates, i, score)) {
				continue;
			}
			float centreX = predictions[i];
			float centreY = predictions[candidates + i];
			float halfWidth = predictions[2 * candidates + i] / 2;
			float halfHeight = predictions[3 * candidates + i] / 2;
			found.add(new DetectedBox(centreX - halfWidth, centreY - halfHeight, centreX + halfWidth,
					centreY + halfHeight, score));
		}
		return found;
	}

	private static boolean bestClassIsPerson(float[] predictions, int candidates, int i, float personScore) {
		for (int row = YOLOV8_BOX_ROWS + 1; row < YOLOV8_ROWS; row++) {
			if (predictions[row * candidates + i] > personScore) {
				return false;
			}
		}
		return true;
	}

}

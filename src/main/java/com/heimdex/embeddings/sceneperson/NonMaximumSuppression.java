package com.heimdex.embeddings.sceneperson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Greedy non-maximum suppression: boxes by descending score (ties in their given order), each kept
 * unless it overlaps an already kept box by more than the IoU threshold, as
 * {@code torchvision.ops.nms} and UltraFace's {@code hard_nms} do.
 */
final class NonMaximumSuppression {

	private NonMaximumSuppression() {
	}

	/** The kept boxes, highest score first. */
	static List<DetectedBox> apply(List<DetectedBox> boxes, double iouThreshold) {
		return apply(boxes, iouThreshold, Integer.MAX_VALUE, UnaryOperator.identity());
	}

	/**
	 * The kept boxes, highest score first, each turned into a result by {@code result} (which
	 * returns null for a kept box that is not wanted, e.g. too small; such a box still suppresses
	 * those it overlaps), stopping at {@code limit} results.
	 */
	static List<DetectedBox> apply(List<DetectedBox> boxes, double iouThreshold, int limit,
			UnaryOperator<DetectedBox> result) {
		List<DetectedBox> byScore = new ArrayList<>(boxes);
		byScore.sort(Comparator.comparingDouble(DetectedBox::score).reversed());
		List<DetectedBox> kept = new ArrayList<>();
		List<DetectedBox> results = new ArrayList<>();
		for (DetectedBox box : byScore) {
			if (results.size() >= limit) {
				break;
			}
			if (kept.stream().anyMatch((keeper) -> keeper.iou(box) > iouThreshold)) {
				continue;
			}
			kept.add(box);
			DetectedBox wanted = result.apply(box);
			if (wanted != null) {
				results.add(wanted);
			}
		}
		return results;
	}

}

package com.heimdex.embeddings.sceneperson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Intersection over union and greedy non-maximum suppression. */
class DetectedBoxTest {

	@Test
	void iouIsTheSharedAreaOverTheCombinedArea() {
		// given: two 10x10 boxes sharing a 5x10 strip
		DetectedBox a = new DetectedBox(0, 0, 10, 10, 0.9f);
		DetectedBox b = new DetectedBox(5, 0, 15, 10, 0.8f);

		// when / then
		assertThat(a.iou(b)).isCloseTo(50.0 / 150, within(1e-9));
		assertThat(a.iou(a)).isEqualTo(1.0);
		assertThat(a.iou(new DetectedBox(10, 0, 20, 10, 0.5f))).as("touching edges").isZero();
	}

	@Test
	void suppressionKeepsTheHigherOfTwoBoxesOverlappingAboveTheThresholdAndBothBelowIt() {
		// given: IoU 1/3
		DetectedBox lower = new DetectedBox(5, 0, 15, 10, 0.8f);
		DetectedBox higher = new DetectedBox(0, 0, 10, 10, 0.9f);
		DetectedBox apart = new DetectedBox(50, 50, 60, 60, 0.7f);

		// when
		List<DetectedBox> strict = NonMaximumSuppression.apply(List.of(lower, apart, higher), 0.3);
		List<DetectedBox> loose = NonMaximumSuppression.apply(List.of(lower, apart, higher), 0.4);

		// then
		assertThat(strict).containsExactly(higher, apart);
		assertThat(loose).containsExactly(higher, lower, apart);
	}

	@Test
	void aSuppressedBoxSuppressesNothing() {
		// given: b overlaps a and c; a suppresses b, so c (apart from a) stays
		DetectedBox a = new DetectedBox(0, 0, 10, 10, 0.9f);
		DetectedBox b = new DetectedBox(4, 0, 14, 10, 0.8f);
		DetectedBox c = new DetectedBox(10, 0, 20, 10, 0.7f);

		// when
		List<DetectedBox> kept = NonMaximumSuppression.apply(List.of(a, b, c), 0.3);

		// then
		assertThat(kept).containsExactly(a, c);
	}

}

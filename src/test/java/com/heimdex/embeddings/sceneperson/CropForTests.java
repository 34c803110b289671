package com.heimdex.embeddings.sceneperson;

import static org.assertj.core.api.Assertions.assertThat;

import com.heimdex.embeddings.pipeline.CropBox;
import org.junit.jupiter.api.Test;

/** The crop of a box: grown by the margin, out to whole pixels, clamped to the image. */
class CropForTests {

	@Test
	void aBoxInsideTheImageGrowsByTheMarginOnEverySide() {
		// given: 100 x 50, a margin of 0.1 adds 10 left and right, 5 above and below
		DetectedBox box = new DetectedBox(50, 20, 150, 70, 0.9f);

		// when
		CropBox crop = PersonDetector.cropFor(box, 0.1, 400, 300);

		// then
		assertThat(crop).isEqualTo(new CropBox(40, 15, 120, 60));
	}

	@Test
	void aBoxAtTheTopLeftCornerIsClampedToTheImage() {
		// given
		DetectedBox box = new DetectedBox(5, 2, 105, 52, 0.9f);

		// when
		CropBox crop = PersonDetector.cropFor(box, 0.1, 200, 100);

		// then
		assertThat(crop).isEqualTo(new CropBox(0, 0, 115, 57));
	}

	@Test
	void aBoxAtTheBottomRightCornerIsClampedToTheImage() {
		// given: 45 x 38 grows by 4.5 and 3.8, out to whole pixels
		DetectedBox box = new DetectedBox(150, 60, 195, 98, 0.9f);

		// when
		CropBox crop = PersonDetector.cropFor(box, 0.1, 200, 100);

		// then
		assertThat(crop).isEqualTo(new CropBox(145, 56, 55, 44));
	}

	@Test
	void withoutMarginFractionalEdgesGoOutToWholePixels() {
		// given
		DetectedBox box = new DetectedBox(10.4f, 20.6f, 30.2f, 40.9f, 0.9f);

		// when
		CropBox crop = PersonDetector.cropFor(box, 0, 200, 100);

		// then
		assertThat(crop).isEqualTo(new CropBox(10, 20, 21, 21));
	}

}

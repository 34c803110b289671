package com.heimdex.embeddings.sceneperson;

import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.Square.green;
import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.Square.red;
import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.decode;
import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.decodeSubsampled;
import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.testmodel.GeneratedDetectorModel;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import org.junit.jupiter.api.Test;

/**
 * The ultraface format on a generated model of its contract: the image stretched to 320x240, the
 * boxes (fractions of the input) mapped back to the stored image's pixels, scores, NMS and limits.
 */
class PersonDetectorUltrafaceTests {

	@Test
	void aLandscapeThumbnailsPersonIsBoxedInSourcePixels() {
		// given: 640x360 stretched to 320x240, one input pixel is 2 x 1.5 source pixels
		byte[] image = png(640, 360, red(100, 60, 300, 240));

		// when
		List<DetectedBox> boxes = detect(Map.of(), image);

		// then
		assertThat(boxes).hasSize(1);
		assertBox(boxes.get(0), 100, 60, 300, 240, 2);
		assertThat(boxes.get(0).score()).isEqualTo(GeneratedDetectorModel.SCORE_A);
	}

	@Test
	void aPortraitThumbnailsPersonIsBoxedInSourcePixels() {
		// given: 360x640 stretched to 320x240, one input pixel is 1.125 x 2.67 source pixels
		byte[] image = png(360, 640, red(40, 200, 320, 520));

		// when
		List<DetectedBox> boxes = detect(Map.of(), image);

		// then
		assertThat(boxes).hasSize(1);
		assertBox(boxes.get(0), 40, 200, 320, 520, 3);
	}

	@Test
	void aThumbnailDecodedSubsampledIsBoxedInTheStoredImagesPixels() {
		// given: 2400x1600 decoded as every 7th pixel of every 7th row (343x229)
		byte[] image = png(2400, 1600, red(600, 400, 1500, 1200));
		List<DetectedBox> boxes;
		try (PersonDetector detector = DetectorTestSupport.detector(DetectorTestSupport.ultrafaceModel(), "ultraface",
				Map.of()); DecodedThumbnail thumbnail = decodeSubsampled(image)) {
			assertThat(thumbnail.subsampling()).isEqualTo(7);

			// when
			boxes = detector.detect(thumbnail);
		}

		// then: within one subsampled pixel and one input pixel (7 + 7.5 source pixels)
		assertThat(boxes).hasSize(1);
		assertBox(boxes.get(0), 600, 400, 1500, 1200, 15);
	}

	@Test
	void nonMaximumSuppressionKeepsTheBestOfTwoOverlappingBoxes() {
		// given: the model gives person A twice, the second moved by a tenth of its width (IoU 0.82)
		byte[] image = png(640, 360, red(100, 60, 300, 240));

		// when
		List<DetectedBox> suppressed = detect(Map.of(), image);
		List<DetectedBox> unsuppressed = detect(Map.of("PERSON_DETECTOR_NMS_IOU", "0.9"), image);

		// then
		assertThat(suppressed).extracting(DetectedBox::score).containsExactly(GeneratedDetectorModel.SCORE_A);
		assertThat(unsuppressed).extracting(DetectedBox::score)
			.containsExactly(GeneratedDetectorModel.SCORE_A, GeneratedDetectorModel.SCORE_A_SHIFTED);
		assertThat(unsuppressed.get(0).iou(unsuppressed.get(1))).isGreaterThan(0.8);
	}

	@Test
	void theScoreThresholdDecidesWhichBoxesCount() {
		// given: A scores 0.95, B 0.9, a box of the whole image 0.3
		byte[] image = twoPersons();

		// when
		List<DetectedBox> byDefault = detect(Map.of(), image);
		List<DetectedBox> strict = detect(Map.of("PERSON_DETECTOR_SCORE_THRESHOLD", "0.92"), image);
		List<DetectedBox> lenient = detect(Map.of("PERSON_DETECTOR_SCORE_THRESHOLD", "0.2"), image);

		// then
		assertThat(byDefault).extracting(DetectedBox::score)
			.containsExactly(GeneratedDetectorModel.SCORE_A, GeneratedDetectorModel.SCORE_B);
		assertBox(byDefault.get(1), 400, 100, 480, 180, 2);
		assertThat(strict).extracting(DetectedBox::score).containsExactly(GeneratedDetectorModel.SCORE_A);
		assertThat(lenient).extracting(DetectedBox::score)
			.containsExactly(GeneratedDetectorModel.SCORE_A, GeneratedDetectorModel.SCORE_B,
					GeneratedDetectorModel.SCORE_LOW);
		assertBox(lenient.get(2), 0, 0, 640, 360, 0);
	}

	@Test
	void boxesBelowTheMinimumSideInSourcePixelsAreLeftOut() {
		// given: A is 200 source pixels wide, B 80
		byte[] image = twoPersons();

		// when
		List<DetectedBox> boxes = detect(Map.of("PERSON_DETECTOR_MIN_BOX_SIDE", "100"), image);
		List<DetectedBox> both = detect(Map.of("PERSON_DETECTOR_MIN_BOX_SIDE", "75"), image);

		// then
		assertThat(boxes).extracting(DetectedBox::score).containsExactly(GeneratedDetectorModel.SCORE_A);
		assertThat(both).hasSize(2);
	}

	@Test
	void atMostTheMaximumNumberOfPersonsIsKeptHighestScoresFirst() {
		// given
		byte[] image = twoPersons();

		// when
		List<DetectedBox> boxes = detect(Map.of("PERSON_DETECTOR_MAX_PERSONS", "1"), image);

		// then
		assertThat(boxes).extracting(DetectedBox::score).containsExactly(GeneratedDetectorModel.SCORE_A);
	}

	@Test
	void aThumbnailWithoutPersonsGivesNone() {
		// when
		List<DetectedBox> boxes = detect(Map.of(), png(640, 360));

		// then
		assertThat(boxes).isEmpty();
	}

	private static byte[] twoPersons() {
		return png(640, 360, red(50, 50, 250, 250), green(400, 100, 480, 180));
	}

	private static List<DetectedBox> detect(Map<String, String> settings, byte[] image) {
		try (PersonDetector detector = DetectorTestSupport.detector(DetectorTestSupport.ultrafaceModel(), "ultraface",
				settings); DecodedThumbnail thumbnail = decode(image)) {
			return detector.detect(thumbnail);
		}
	}

	static void assertBox(DetectedBox box, float x1, float y1, float x2, float y2, float tolerance) {
		assertThat(new float[] { box.x1(), box.y1(), box.x2(), box.y2() }).as("box %s", box)
			.containsExactly(new float[] { x1, y1, x2, y2 }, within(tolerance));
	}

}

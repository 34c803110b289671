package com.heimdex.embeddings.sceneperson;

import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.Square.green;
import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.Square.red;
import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.decode;
import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.decodeSubsampled;
import static com.heimdex.embeddings.sceneperson.DetectorTestSupport.png;
import static com.heimdex.embeddings.sceneperson.PersonDetectorUltrafaceTests.assertBox;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.heimdex.embeddings.testmodel.GeneratedDetectorModel;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The yolov8 format on a generated model of its contract: the image letterboxed into 640x640
 * (padding above and below a landscape image, left and right of a portrait one), boxes in input
 * pixels mapped back to the stored image's pixels, only boxes whose best class is a person.
 */
class PersonDetectorYolov8Tests {

	private static PersonDetector detector;

	@BeforeAll
	static void loadDetector() {
		detector = DetectorTestSupport.detector(DetectorTestSupport.yolov8Model(), "yolov8", Map.of());
	}

	@AfterAll
	static void closeDetector() {
		detector.close();
	}

	@Test
	void aLandscapeThumbnailLetterboxedBetweenBarsAboveAndBelowIsBoxedInSourcePixels() {
		// given: 1280x720 scaled by 0.5 to 640x360, placed 140 input pixels from the top
		byte[] image = png(1280, 720, red(200, 100, 600, 500));

		// when
		List<DetectedBox> boxes = detect(image);

		// then
		assertThat(boxes).hasSize(1);
		assertBox(boxes.get(0), 200, 100, 600, 500, 2);
		assertThat(boxes.get(0).score()).isEqualTo(GeneratedDetectorModel.SCORE_A);
	}

	@Test
	void aPortraitThumbnailLetterboxedBetweenBarsLeftAndRightIsBoxedInSourcePixels() {
		// given: 720x1280 scaled by 0.5 to 360x640, placed 140 input pixels from the left
		byte[] image = png(720, 1280, red(100, 300, 500, 1000));

		// when
		List<DetectedBox> boxes = detect(image);

		// then
		assertThat(boxes).hasSize(1);
		assertBox(boxes.get(0), 100, 300, 500, 1000, 2);
	}

	@Test
	void aSmallThumbnailIsScaledUpIntoTheLetterbox() {
		// given: 320x180 scaled by 2 to 640x360
		byte[] image = png(320, 180, red(40, 30, 140, 150));

		// when
		List<DetectedBox> boxes = detect(image);

		// then
		assertThat(boxes).hasSize(1);
		assertBox(boxes.get(0), 40, 30, 140, 150, 1);
	}

	@Test
	void aThumbnailDecodedSubsampledIsBoxedInTheStoredImagesPixels() {
		// given: 2400x1600 decoded as every 7th pixel of every 7th row (343x229), then letterboxed
		byte[] image = png(2400, 1600, red(600, 400, 1500, 1200));
		List<DetectedBox> boxes;
		try (DecodedThumbnail thumbnail = decodeSubsampled(image)) {
			assertThat(thumbnail.subsampling()).isEqualTo(7);

			// when
			boxes = detector.detect(thumbnail);
		}

		// then: within one subsampled pixel and one input pixel (7 + 3.75 source pixels)
		assertThat(boxes).hasSize(1);
		assertBox(boxes.get(0), 600, 400, 1500, 1200, 11);
	}

	@Test
	void twoPersonsHighestScoreFirstWithoutTheOverlappingCopiesOrTheBoxOfAnotherClass() {
		// given: besides A and B and their moved copies, the model gives the whole input a person
		// score of 0.6, above the threshold, but a higher score for another class
		byte[] image = png(1280, 720, red(100, 100, 500, 500), green(800, 200, 1000, 400));

		// when
		List<DetectedBox> boxes = detect(image);

		// then
		assertThat(boxes).extracting(DetectedBox::score)
			.containsExactly(GeneratedDetectorModel.SCORE_A, GeneratedDetectorModel.SCORE_B);
		assertBox(boxes.get(1), 800, 200, 1000, 400, 2);
	}

	@Test
	void boxesOfAThresholdBelowTheWholeImagesScoreIncludeIt() {
		// given
		byte[] image = png(1280, 720, red(100, 100, 500, 500));
		List<DetectedBox> boxes;

		// when
		try (PersonDetector lenient = DetectorTestSupport.detector(DetectorTestSupport.yolov8Model(), "yolov8",
				Map.of("PERSON_DETECTOR_SCORE_THRESHOLD", "0.2")); DecodedThumbnail thumbnail = decode(image)) {
			boxes = lenient.detect(thumbnail);
		}

		// then: the whole input is the whole image (the padding falls outside it and is cut off)
		assertThat(boxes).extracting(DetectedBox::score)
			.containsExactly(GeneratedDetectorModel.SCORE_A, GeneratedDetectorModel.SCORE_LOW);
		assertBox(boxes.get(1), 0, 0, 1280, 720, 0);
	}

	@Test
	void threadsDetectingAtOnceGetWhatEachWouldAlone() throws Exception {
		// given
		List<byte[]> images = List.of(png(1280, 720, red(200, 100, 600, 500)), png(720, 1280, red(100, 300, 500, 1000)),
				png(640, 640, green(10, 20, 300, 400)), png(900, 300, red(0, 0, 200, 300), green(600, 50, 880, 290)));
		List<List<DetectedBox>> alone = new ArrayList<>();
		for (byte[] image : images) {
			alone.add(detect(image));
		}

		// when
		ExecutorService threads = Executors.newFixedThreadPool(4);
		List<Future<List<DetectedBox>>> together = new ArrayList<>();
		try {
			for (int round = 0; round < 5; round++) {
				for (byte[] image : images) {
					together.add(threads.submit(() -> detect(image)));
				}
			}

			// then
			for (int i = 0; i < together.size(); i++) {
				assertThat(together.get(i).get()).isEqualTo(alone.get(i % images.size()));
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static List<DetectedBox> detect(byte[] image) {
		try (DecodedThumbnail thumbnail = decode(image)) {
			return detector.detect(thumbnail);
		}
	}

}

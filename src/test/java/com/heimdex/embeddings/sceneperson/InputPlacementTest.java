package com.heimdex.embeddings.sceneperson;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;

import org.junit.jupiter.api.Test;

/**
 * Where an image lies in the detector's input: stretched over UltraFace's, letterboxed into
 * YOLOv8's as Ultralytics' LetterBox places it (centred, padding 114 around it).
 */
class InputPlacementTest {

	@Test
	void aLandscapeImageIsCentredBetweenBarsAboveAndBelow() {
		assertThat(InputPlacement.letterboxed(1280, 720, DetectorFormat.YOLOV8))
			.isEqualTo(new InputPlacement(0, 140, 640, 360));
	}

	@Test
	void aPortraitImageIsCentredBetweenBarsLeftAndRight() {
		assertThat(InputPlacement.letterboxed(720, 1280, DetectorFormat.YOLOV8))
			.isEqualTo(new InputPlacement(140, 0, 360, 640));
	}

	@Test
	void anOddPaddingPutsTheSmallerHalfFirst() {
		// given: 500x333 scaled by 1.28 to 640x426, 214 rows of padding
		assertThat(InputPlacement.letterboxed(500, 333, DetectorFormat.YOLOV8))
			.isEqualTo(new InputPlacement(0, 107, 640, 426));
		// 300x301: 638x640, 2 columns of padding, 1 each side
		assertThat(InputPlacement.letterboxed(300, 301, DetectorFormat.YOLOV8))
			.isEqualTo(new InputPlacement(1, 0, 638, 640));
	}

	@Test
	void ultrafaceStretchesEveryImageOverItsWholeInput() {
		assertThat(InputPlacement.stretched(DetectorFormat.ULTRAFACE)).isEqualTo(new InputPlacement(0, 0, 320, 240));
	}

	@Test
	void theLetterboxIsPaddedWith114AndTheImageWrittenInsideIt() {
		// given: a white 1280x720 image
		BufferedImage image = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
		java.awt.Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, 1280, 720);
		graphics.dispose();
		FloatBuffer input = DetectorOnnxSession.newInput(DetectorFormat.YOLOV8);
		InputPlacement placement = InputPlacement.letterboxed(1280, 720, DetectorFormat.YOLOV8);

		// when
		DetectorPreprocessor.write(image, placement, DetectorFormat.YOLOV8, input);

		// then: rows 0-139 and 500-639 padding, 140-499 the image, in each of the three planes
		int plane = 640 * 640;
		for (int channel = 0; channel < 3; channel++) {
			assertThat(input.get(channel * plane + 139 * 640 + 320)).isEqualTo(114 / 255f);
			assertThat(input.get(channel * plane + 140 * 640)).isEqualTo(1f);
			assertThat(input.get(channel * plane + 499 * 640 + 639)).isEqualTo(1f);
			assertThat(input.get(channel * plane + 500 * 640 + 320)).isEqualTo(114 / 255f);
		}
	}

	@Test
	void ultrafaceLevelsAreCentredOn127AndScaledBy128() {
		// given: a 4x3 image of level 255
		BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 3; y++) {
			for (int x = 0; x < 4; x++) {
				image.setRGB(x, y, 0xFF0000 | (127 << 8));
			}
		}
		FloatBuffer input = DetectorOnnxSession.newInput(DetectorFormat.ULTRAFACE);

		// when
		DetectorPreprocessor.write(image, InputPlacement.stretched(DetectorFormat.ULTRAFACE), DetectorFormat.ULTRAFACE,
				input);

		// then: red (255 - 127) / 128, green 0, blue -127 / 128
		int plane = 320 * 240;
		assertThat(input.get(0)).isEqualTo(1f);
		assertThat(input.get(plane)).isEqualTo(0f);
		assertThat(input.get(2 * plane + plane - 1)).isEqualTo(-127 / 128f);
	}

}

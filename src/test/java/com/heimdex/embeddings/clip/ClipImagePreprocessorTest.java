package com.heimdex.embeddings.clip;

import static com.heimdex.embeddings.clip.ClipFixtures.ONE_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.heimdex.embeddings.clip.ClipImagePreprocessor.CropAxis;
import com.heimdex.embeddings.clip.ClipImagePreprocessor.Dimensions;

class ClipImagePreprocessorTest {

	private static final ClipImagePreprocessor PREPROCESSOR = new ClipImagePreprocessor();

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "landscape_chelsea.png, landscape_chelsea", "portrait_astronaut.png, portrait_astronaut",
			"small_coffee.png, small_coffee", "grayscale_camera.png, grayscale_camera",
			"alpha_astronaut.png, alpha_astronaut", "palette_chelsea.png, palette_chelsea",
			"thumbnail_rocket_pil_decoded.png, thumbnail_rocket" })
	void matchesPillowGoldenTensor(String imageName, String goldenName) {
		// given
		BufferedImage image = ClipFixtures.image(imageName);
		float[] golden = ClipFixtures.golden(goldenName);

		// when
		float[] tensor = ClipFixtures.preprocess(image);

		// then: within one 8-bit level per channel, as specified; in fact the port is bit-exact
		float[] maxDifference = ClipFixtures.maxDifferencePerChannel(tensor, golden);
		for (int channel = 0; channel < 3; channel++) {
			assertThat(maxDifference[channel]).as("channel %d", channel).isLessThanOrEqualTo(ONE_LEVEL[channel]);
		}
		assertThat(ClipFixtures.differingValues(tensor, golden)).as("values differing from Pillow").isZero();
	}

	@Test
	void jpegDecodedByImageIoGivesPillowsTensor() {
		// given: Pillow's golden is computed from the pixels Pillow decoded from this file
		BufferedImage decodedByImageIo = ClipFixtures.image("thumbnail_rocket.jpg");
		float[] golden = ClipFixtures.golden("thumbnail_rocket");

		// when
		float[] tensor = ClipFixtures.preprocess(decodedByImageIo);

		// then: decoders may differ by a level or two; for this baseline 4:2:0 JPEG they agree
		float[] maxDifference = ClipFixtures.maxDifferencePerChannel(tensor, golden);
		for (int channel = 0; channel < 3; channel++) {
			assertThat(maxDifference[channel]).as("channel %d", channel)
				.isLessThanOrEqualTo(2 * ONE_LEVEL[channel]);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "landscape_chelsea.png", "grayscale_camera.png", "alpha_astronaut.png", "thumbnail_rocket.jpg" })
	void levelsNormalisedIntoADirectBufferAreExactlyTheTensor(String imageName) {
		// given
		BufferedImage image = ClipFixtures.image(imageName);
		float[] tensor = new float[ClipImagePreprocessor.TENSOR_LENGTH];
		PREPROCESSOR.preprocess(image, tensor, 0);
		java.nio.FloatBuffer buffer = java.nio.ByteBuffer.allocateDirect(2 * tensor.length * Float.BYTES)
			.order(java.nio.ByteOrder.nativeOrder())
			.asFloatBuffer();
		buffer.position(tensor.length);

		// when
		byte[] levels = PREPROCESSOR.levels(image);
		ClipImagePreprocessor.normalise(levels, buffer);

		// then
		assertThat(levels).hasSize(ClipImagePreprocessor.TENSOR_LENGTH);
		assertThat(buffer.position()).isEqualTo(2 * tensor.length);
		float[] normalised = new float[tensor.length];
		buffer.get(tensor.length, normalised);
		assertThat(normalised).isEqualTo(tensor);
	}

	@Test
	void dropsAlphaWithoutCompositing() {
		// given: the same colours, opaque and with alpha from 0 to 255
		BufferedImage opaque = ClipFixtures.image("landscape_chelsea.png");
		BufferedImage translucent = new BufferedImage(opaque.getWidth(), opaque.getHeight(),
				BufferedImage.TYPE_4BYTE_ABGR);
		for (int y = 0; y < opaque.getHeight(); y++) {
			for (int x = 0; x < opaque.getWidth(); x++) {
				int alpha = (x * 7 + y * 3) % 256;
				translucent.setRGB(x, y, (alpha << 24) | (opaque.getRGB(x, y) & 0xFFFFFF));
			}
		}

		// when
		float[] fromOpaque = ClipFixtures.preprocess(opaque);
		float[] fromTranslucent = ClipFixtures.preprocess(translucent);

		// then
		assertThat(fromTranslucent).isEqualTo(fromOpaque);
	}

	@Test
	void expandsGrayscaleToThreeEqualLevels() {
		// given: stored levels of a gray image, which getRGB would change by a gamma conversion
		BufferedImage gray = ClipFixtures.image("grayscale_camera.png");
		byte[] levels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
		BufferedImage rgb = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_INT_RGB);
		for (int i = 0; i < levels.length; i++) {
			int level = levels[i] & 0xFF;
			rgb.setRGB(i % gray.getWidth(), i / gray.getWidth(), level * 0x010101);
		}

		// when
		float[] fromGray = ClipFixtures.preprocess(gray);
		float[] fromRgb = ClipFixtures.preprocess(rgb);

		// then
		assertThat(fromGray).isEqualTo(fromRgb);
	}

	@Test
	void givesEachImageItsOwnTensorWhenOneThreadPreprocessesImagesOfDifferentSizes() {
		// given: each image's tensor from a preprocessor of its own
		BufferedImage landscape = ClipFixtures.image("landscape_chelsea.png");
		BufferedImage portrait = ClipFixtures.image("portrait_astronaut.png");
		BufferedImage gray = ClipFixtures.image("grayscale_camera.png");
		byte[] landscapeAlone = new ClipImagePreprocessor().levels(landscape);
		byte[] portraitAlone = new ClipImagePreprocessor().levels(portrait);
		byte[] grayAlone = new ClipImagePreprocessor().levels(gray);
		ClipImagePreprocessor shared = new ClipImagePreprocessor();

		// when: one preprocessor, whose working arrays are kept between images, takes them in turn
		byte[] landscapeFirst = shared.levels(landscape);
		byte[] portraitThen = shared.levels(portrait);
		byte[] grayThen = shared.levels(gray);
		byte[] landscapeAgain = shared.levels(landscape);

		// then
		assertThat(landscapeFirst).isEqualTo(landscapeAlone);
		assertThat(portraitThen).isEqualTo(portraitAlone);
		assertThat(grayThen).isEqualTo(grayAlone);
		assertThat(landscapeAgain).isEqualTo(landscapeAlone);
	}

	@Test
	void writesTheSameLevelsIntoABufferThatHeldAnotherImage() {
		// given: a buffer full of another image's levels
		BufferedImage image = ClipFixtures.image("landscape_chelsea.png");
		byte[] used = PREPROCESSOR.levels(ClipFixtures.image("portrait_astronaut.png"));

		// when
		byte[] levels = PREPROCESSOR.levels(image, used);

		// then
		assertThat(levels).isSameAs(used).isEqualTo(PREPROCESSOR.levels(image));
	}

	@Test
	void refusesABufferOfAnotherSize() {
		BufferedImage image = ClipFixtures.image("landscape_chelsea.png");

		assertThatThrownBy(() -> PREPROCESSOR.levels(image, new byte[100]))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("150528");
	}

	@ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
	@CsvSource({ "640, 360, 398, 224", "360, 640, 224, 398", "224, 224, 224, 224", "100, 50, 448, 224",
			"451, 300, 336, 224", "300, 512, 224, 382", "1920, 1080, 398, 224", "1000, 999, 224, 224" })
	void resizesShortestSideTo224TruncatingTheLongSide(int width, int height, int resizedWidth,
			int resizedHeight) {
		assertThat(ClipImagePreprocessor.resizedDimensions(width, height))
			.isEqualTo(new Dimensions(resizedWidth, resizedHeight));
	}

	@Test
	void cropsTheCentreOfTheResizedImage() {
		assertThat(CropAxis.of(398)).isEqualTo(new CropAxis(87, 224, 0));
		assertThat(CropAxis.of(225)).isEqualTo(new CropAxis(0, 224, 0));
		assertThat(CropAxis.of(224)).isEqualTo(new CropAxis(0, 224, 0));
		assertThat(CropAxis.of(221)).isEqualTo(new CropAxis(0, 221, 2));
	}

}

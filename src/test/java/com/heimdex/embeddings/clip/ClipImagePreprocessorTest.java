package com.heimdex.embeddings.clip;

import static com.heimdex.embeddings.clip.ClipFixtures.ONE_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.heimdex.embeddings.clip.ClipImagePreprocessor.CropAxis;
import com.heimdex.embeddings.clip.ClipImagePreprocessor.Dimensions;

class ClipImagePreprocessorTest {

	private final ClipImagePreprocessor preprocessor = new ClipImagePreprocessor();

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "landscape_chelsea.png, landscape_chelsea", "portrait_astronaut.png, portrait_astronaut",
			"small_coffee.png, small_coffee", "grayscale_camera.png, grayscale_camera",
			"alpha_astronaut.png, alpha_astronaut", "palette_chelsea.png, palette_chelsea",
			"thumbnail_motorcycle_pil_decoded.png, thumbnail_motorcycle" })
	void matchesPillowGoldenTensor(String imageName, String goldenName) {
		// given
		BufferedImage image = ClipFixtures.image(imageName);
		float[] golden = ClipFixtures.golden(goldenName);

		// when
		float[] tensor = ClipFixtures.preprocess(image);

		// then
		float[] maxDifference = ClipFixtures.maxDifferencePerChannel(tensor, golden);
		int differing = ClipFixtures.differingValues(tensor, golden);
		System.out.printf("%s (type %d): max difference %s, %d values differ%n", imageName,
				image.getType(), Arrays.toString(maxDifference), differing);
		for (int channel = 0; channel < 3; channel++) {
			assertThat(maxDifference[channel]).as("channel %d", channel)
				.isLessThanOrEqualTo(ONE_LEVEL[channel] * 1.0001f);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "landscape_chelsea.png", "grayscale_camera.png", "alpha_astronaut.png", "thumbnail_motorcycle.jpg" })
	void levelsNormalisedIntoADirectBufferAreExactlyTheTensor(String imageName) {
		// given
		BufferedImage image = ClipFixtures.image(imageName);
		float[] tensor = new float[ClipImagePreprocessor.TENSOR_LENGTH];
		this.preprocessor.preprocess(image, tensor, 0);
		java.nio.FloatBuffer buffer = java.nio.ByteBuffer.allocateDirect(2 * tensor.length * Float.BYTES)
			.order(java.nio.ByteOrder.nativeOrder())
			.asFloatBuffer();
		buffer.position(tensor.length);

		// when
		byte[] levels = this.preprocessor.levels(image);
		ClipImagePreprocessor.normalise(levels, buffer);

		// then
		assertThat(levels).hasSize(ClipImagePreprocessor.TENSOR_LENGTH);
		assertThat(buffer.position()).isEqualTo(2 * tensor.length);
		float[] normalised = new float[tensor.length];
		buffer.get(tensor.length, normalised);
		assertThat(normalised).isEqualTo(tensor);
	}

	@Test
	void jpegDecodedByImageIoStaysCloseToPillow() {
		// given
		BufferedImage javaDecoded = ClipFixtures.image("thumbnail_motorcycle.jpg");
		BufferedImage pillowDecoded = ClipFixtures.image("thumbnail_motorcycle_pil_decoded.png");
		float[] golden = ClipFixtures.golden("thumbnail_motorcycle");

		// when
		float[] tensor = ClipFixtures.preprocess(javaDecoded);

		// then
		int maxPixelDifference = 0;
		long differingSamples = 0;
		for (int y = 0; y < javaDecoded.getHeight(); y++) {
			for (int x = 0; x < javaDecoded.getWidth(); x++) {
				int a = javaDecoded.getRGB(x, y);
				int b = pillowDecoded.getRGB(x, y);
				for (int shift = 0; shift < 24; shift += 8) {
					int d = Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
					maxPixelDifference = Math.max(maxPixelDifference, d);
					differingSamples += d == 0 ? 0 : 1;
				}
			}
		}
		float[] maxDifference = ClipFixtures.maxDifferencePerChannel(tensor, golden);
		System.out.printf("jpeg decode: max %d levels, %d samples differ; tensor max difference %s, %d values differ%n",
				maxPixelDifference, differingSamples, Arrays.toString(maxDifference),
				ClipFixtures.differingValues(tensor, golden));
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

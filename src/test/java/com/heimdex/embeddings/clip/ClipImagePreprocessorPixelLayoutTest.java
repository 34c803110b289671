package com.heimdex.embeddings.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClipImagePreprocessorPixelLayoutTest {

	private static final int LENGTH = ClipImagePreprocessor.TENSOR_LENGTH;

	private final BufferedImage photo = ClipFixtures.image("landscape_chelsea.png");

	private final float[] photoTensor = ClipFixtures.preprocess(photo);

	@ParameterizedTest(name = "type {0}")
	@ValueSource(ints = { BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR,
			BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB_PRE })
	void givesTheSameTensorForEveryRasterLayout(int type) {
		// given
		BufferedImage converted = copy(photo, type);

		// when
		float[] tensor = ClipFixtures.preprocess(converted);

		// then
		assertThat(tensor).isEqualTo(photoTensor);
	}

	@Test
	void readsASubimageAtItsOwnOrigin() {
		// given: the photo placed inside a larger image, then cut out again
		BufferedImage canvas = new BufferedImage(photo.getWidth() + 37, photo.getHeight() + 21,
				BufferedImage.TYPE_3BYTE_BGR);
		canvas.getRaster().setRect(29, 13, photo.getRaster());
		BufferedImage subimage = canvas.getSubimage(29, 13, photo.getWidth(), photo.getHeight());

		// when
		float[] tensor = ClipFixtures.preprocess(subimage);

		// then
		assertThat(tensor).isEqualTo(photoTensor);
	}

	@Test
	void takesStoredLevelsOfAnotherRgbColourSpaceWithoutConverting() {
		// given: the photo's bytes in a raster tagged linear RGB, as a JPEG with an ICC profile can be
		ComponentColorModel linear = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB),
				false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
		WritableRaster raster = linear.createCompatibleWritableRaster(photo.getWidth(), photo.getHeight());
		raster.setRect(photo.getRaster());
		BufferedImage tagged = new BufferedImage(linear, raster, false, null);

		// when
		float[] tensor = ClipFixtures.preprocess(tagged);

		// then
		assertThat(tensor).isEqualTo(photoTensor);
	}

	@Test
	void mapsUniformColourToItsNormalisedLevels() {
		// given
		BufferedImage uniform = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
		int[] pixels = new int[640 * 360];
		Arrays.fill(pixels, 0xFF0080);
		uniform.setRGB(0, 0, 640, 360, pixels, 0, 640);

		// when
		float[] tensor = ClipFixtures.preprocess(uniform);

		// then: (level / 255 - mean) / std
		int plane = LENGTH / 3;
		assertThat(Arrays.copyOfRange(tensor, 0, plane)).containsOnly(1.9303361f);
		assertThat(Arrays.copyOfRange(tensor, plane, 2 * plane)).containsOnly(-1.7520971f);
		assertThat(Arrays.copyOfRange(tensor, 2 * plane, 3 * plane)).containsOnly(0.33994877f);
	}

	@Test
	void writesOnlyItsSliceOfTheTarget() {
		// given
		float[] target = new float[3 * LENGTH];
		Arrays.fill(target, Float.NaN);

		// when
		new ClipImagePreprocessor().preprocess(photo, target, LENGTH);

		// then
		assertThat(Arrays.copyOfRange(target, 0, LENGTH)).containsOnly(Float.NaN);
		assertThat(Arrays.copyOfRange(target, LENGTH, 2 * LENGTH)).isEqualTo(photoTensor);
		assertThat(Arrays.copyOfRange(target, 2 * LENGTH, 3 * LENGTH)).containsOnly(Float.NaN);
	}

	@Test
	void refusesATargetTooShortForTheTensor() {
		float[] target = new float[LENGTH + 10];

		assertThatThrownBy(() -> new ClipImagePreprocessor().preprocess(photo, target, 11))
			.isInstanceOf(IndexOutOfBoundsException.class);
	}

	private static BufferedImage copy(BufferedImage source, int type) {
		BufferedImage target = new BufferedImage(source.getWidth(), source.getHeight(), type);
		int[] argb = source.getRGB(0, 0, source.getWidth(), source.getHeight(), null, 0, source.getWidth());
		target.setRGB(0, 0, source.getWidth(), source.getHeight(), argb, 0, source.getWidth());
		return target;
	}

}

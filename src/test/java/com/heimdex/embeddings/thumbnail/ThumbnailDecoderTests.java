package com.heimdex.embeddings.thumbnail;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ThumbnailDecoderTests {

	private final ThumbnailDecoder decoder = new ThumbnailDecoder(ThumbnailProperties.defaults());

	@Test
	void decodesJpegWithItsDimensionsAndColours() {
		// given
		byte[] jpeg = TestImages.jpeg(64, 48);

		// when
		BufferedImage image = this.decoder.decode(jpeg).image();

		// then
		assertThat(image.getWidth()).isEqualTo(64);
		assertThat(image.getHeight()).isEqualTo(48);
		BufferedImage expected = TestImages.gradient(64, 48);
		assertThat(channelDifference(image.getRGB(63, 0), expected.getRGB(63, 0))).isLessThan(24);
		assertThat(channelDifference(image.getRGB(0, 47), expected.getRGB(0, 47))).isLessThan(24);
	}

	@Test
	void decodesAColourJpegIntoRgbOrderedBytesWithExactlyImageIosColours() throws IOException {
		// given
		byte[] jpeg = TestImages.jpeg(640, 360);
		BufferedImage imageIoDefault = ImageIO.read(new ByteArrayInputStream(jpeg));

		// when
		BufferedImage image = this.decoder.decode(jpeg).image();

		// then: bytes in R, G, B order, every pixel as ImageIO decodes it into its own 3BYTE_BGR
		assertThat(imageIoDefault.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
		assertThat(((ComponentSampleModel) image.getSampleModel()).getBandOffsets()).containsExactly(0, 1, 2);
		assertThat(image.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
		assertThat(image.getRGB(0, 0, 640, 360, null, 0, 640))
			.isEqualTo(imageIoDefault.getRGB(0, 0, 640, 360, null, 0, 640));
	}

	@Test
	void decodesAGrayJpegAsGray() throws IOException {
		// given
		BufferedImage gray = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
		gray.getGraphics().drawImage(TestImages.gradient(32, 16), 0, 0, null);
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		ImageIO.write(gray, "jpeg", jpeg);

		// when
		BufferedImage image = this.decoder.decode(jpeg.toByteArray()).image();

		// then
		assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
		assertThat(image.getRGB(0, 0, 32, 16, null, 0, 32))
			.isEqualTo(ImageIO.read(new ByteArrayInputStream(jpeg.toByteArray())).getRGB(0, 0, 32, 16, null, 0, 32));
	}

	@Test
	void decodesPngExactly() {
		// given
		byte[] png = TestImages.png(10, 7);

		// when
		BufferedImage image = this.decoder.decode(png).image();

		// then
		BufferedImage expected = TestImages.gradient(10, 7);
		assertThat(image.getWidth()).isEqualTo(10);
		assertThat(image.getHeight()).isEqualTo(7);
		assertThat(image.getRGB(9, 6) & 0xffffff).isEqualTo(expected.getRGB(9, 6) & 0xffffff);
	}

	@Test
	void refusesBytesThatAreNotAnImage() {
		byte[] html = "<html><body>Access denied</body></html>".getBytes(StandardCharsets.UTF_8);

		assertFailure(() -> this.decoder.decode(html), ThumbnailFailure.IMAGE_DECODE_FAILED);
	}

	@Test
	void refusesAnEmptyBody() {
		assertFailure(() -> this.decoder.decode(new byte[0]), ThumbnailFailure.IMAGE_DECODE_FAILED);
	}

	@Test
	void refusesATruncatedJpegThatImageIoWouldOnlyWarnAbout() {
		// given
		byte[] jpeg = TestImages.jpeg(200, 150);
		byte[] truncated = TestImages.truncated(jpeg, jpeg.length / 2);

		// then
		assertFailure(() -> this.decoder.decode(truncated), ThumbnailFailure.IMAGE_DECODE_FAILED);
	}

	@Test
	void refusesATruncatedPng() {
		byte[] png = TestImages.png(200, 150);
		byte[] truncated = TestImages.truncated(png, png.length / 2);

		assertFailure(() -> this.decoder.decode(truncated), ThumbnailFailure.IMAGE_DECODE_FAILED);
	}

	@Test
	void refusesAJpegWithGarbageAfterItsHeader() {
		// given: the first bytes of a real JPEG, then noise
		byte[] jpeg = TestImages.jpeg(100, 100);
		for (int i = jpeg.length / 3; i < jpeg.length; i++) {
			jpeg[i] = (byte) (i * 31);
		}

		assertFailure(() -> this.decoder.decode(jpeg), ThumbnailFailure.IMAGE_DECODE_FAILED);
	}

	@Test
	void refusesHugeDeclaredDimensionsFromTheHeaderWithoutDecoding() {
		// given: 100000 x 100000 RGB would need 40 GB once decoded
		byte[] png = TestImages.pngDeclaring(100_000, 100_000);

		// when / then: refused quickly and without running out of memory
		ThumbnailException failure = assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> catchFailure(() -> this.decoder.decode(png)));
		assertThat(failure.code()).isEqualTo("image_too_large");
		assertThat(failure.detail()).contains("100000x100000");
	}

	@Test
	void appliesTheConfiguredPixelLimitToJpeg() {
		// given
		ThumbnailDecoder strict = new ThumbnailDecoder(new ThumbnailProperties(false, DataSize.ofMegabytes(10), 1_000,
				Duration.ofSeconds(5), Duration.ofSeconds(15), 3, Duration.ofMillis(200), 5, 8));

		// then: 40x25 = 1000 pixels is the limit itself, 41x25 is over it
		assertThat(strict.decode(TestImages.jpeg(40, 25)).image().getWidth()).isEqualTo(40);
		assertFailure(() -> strict.decode(TestImages.jpeg(41, 25)), ThumbnailFailure.IMAGE_TOO_LARGE);
	}

	private static int channelDifference(int rgb, int otherRgb) {
		int max = 0;
		for (int shift = 0; shift <= 16; shift += 8) {
			max = Math.max(max, Math.abs(((rgb >> shift) & 0xff) - ((otherRgb >> shift) & 0xff)));
		}
		return max;
	}

	static ThumbnailException catchFailure(Runnable action) {
		try {
			action.run();
		}
		catch (ThumbnailException ex) {
			return ex;
		}
		throw new AssertionError("expected a ThumbnailException");
	}

	static void assertFailure(Runnable action, ThumbnailFailure expected) {
		assertThatExceptionOfType(ThumbnailException.class).isThrownBy(action::run)
			.satisfies((ex) -> assertThat(ex.failure()).as(ex.getMessage()).isEqualTo(expected))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(expected.code()))
			.satisfies((ex) -> assertThat(ex.detail()).isNotBlank());
	}

}

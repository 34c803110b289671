package com.heimdex.embeddings.thumbnail;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A JPEG tagged with a non-sRGB profile decodes to its stored values, as Pillow decodes it. */
class ThumbnailDecoderColourProfileTests {

	private final ThumbnailDecoder decoder = new ThumbnailDecoder(ThumbnailProperties.defaults());

	@Test
	void aProfileTaggedJpegKeepsItsStoredValuesInsteadOfBeingConvertedToSrgb() throws IOException {
		// given: the same JPEG data with and without an embedded (linear RGB) ICC profile
		byte[] tagged = jpegTaggedWithLinearRgbProfile();
		byte[] untagged = withoutIccSegments(tagged);
		assertThat(contains(tagged, "ICC_PROFILE")).isTrue();
		assertThat(contains(untagged, "ICC_PROFILE")).isFalse();

		// when
		Raster fromTagged = this.decoder.decode(tagged).image().getRaster();
		Raster fromUntagged = this.decoder.decode(untagged).image().getRaster();

		// then: identical samples; a conversion to sRGB would brighten every mid-tone
		assertThat(fromTagged.getSamples(0, 0, 64, 48, 0, (int[]) null))
			.isEqualTo(fromUntagged.getSamples(0, 0, 64, 48, 0, (int[]) null));
		assertThat(fromTagged.getSamples(0, 0, 64, 48, 1, (int[]) null))
			.isEqualTo(fromUntagged.getSamples(0, 0, 64, 48, 1, (int[]) null));
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(tagged)).getRaster().getSample(32, 24, 1))
			.as("what a plain ImageIO.read gives: converted")
			.isNotEqualTo(fromTagged.getSample(32, 24, 1));
	}

	/** A plain JPEG with a linear-RGB ICC profile segment (APP2 "ICC_PROFILE") inserted after SOI. */
	private static byte[] jpegTaggedWithLinearRgbProfile() throws IOException {
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
		for (int y = 0; y < 48; y++) {
			for (int x = 0; x < 64; x++) {
				image.setRGB(x, y, ((x * 4) << 16) | ((60 + y * 2) << 8) | 128);
			}
		}
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, "jpg", plain)).isTrue();
		byte[] jpeg = plain.toByteArray();
		byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
		byte[] identifier = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
		int length = 2 + identifier.length + 2 + profile.length;
		ByteArrayOutputStream tagged = new ByteArrayOutputStream();
		tagged.write(jpeg, 0, 2);
		tagged.write(new byte[] { (byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length });
		tagged.write(identifier);
		tagged.write(new byte[] { 1, 1 });
		tagged.write(profile);
		tagged.write(jpeg, 2, jpeg.length - 2);
		return tagged.toByteArray();
	}

	/** Drops APP2 segments (where ICC profiles live) from a JPEG, keeping everything else. */
	private static byte[] withoutIccSegments(byte[] jpeg) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) != 0xDA) {
			int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
			if ((jpeg[at + 1] & 0xFF) != 0xE2) {
				out.write(jpeg, at, 2 + length);
			}
			at += 2 + length;
		}
		out.write(jpeg, at, jpeg.length - at);
		return out.toByteArray();
	}

	private static boolean contains(byte[] bytes, String text) {
		return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
	}

}

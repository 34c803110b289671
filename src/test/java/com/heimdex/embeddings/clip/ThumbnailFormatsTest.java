package com.heimdex.embeddings.clip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.heimdex.embeddings.clip.ClipFixtures.ONE_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thumbnails as stored in object storage, decoded by the job's decoder and preprocessed, against
 * the tensors Pillow (the reference pipeline) gives for the same files: WebP and CMYK JPEGs
 * through TwelveMonkeys' ImageIO plugins, ordinary JPEGs through the JDK's reader as before.
 */
class ThumbnailFormatsTest {

	private final ThumbnailDecoder decoder = new ThumbnailDecoder(ThumbnailProperties.defaults());

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "thumbnail_rocket.jpg, thumbnail_rocket, com.sun.imageio.plugins.jpeg.JPEGImageReader",
			"thumbnail_rocket_cmyk.jpg, thumbnail_rocket_cmyk, com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader",
			"landscape_chelsea_lossless.webp, landscape_chelsea_lossless, com.twelvemonkeys.imageio.plugins.webp.WebPImageReader" })
	void decodesToPillowsTensorBitForBit(String file, String golden, String reader) {
		// when
		float[] tensor;
		String decodedBy;
		try (DecodedThumbnail decoded = this.decoder.decode(bytes(file))) {
			tensor = ClipFixtures.preprocess(decoded.image());
			decodedBy = decoded.reader();
		}

		// then
		assertThat(ClipFixtures.differingValues(tensor, ClipFixtures.golden(golden))).as("values differing from Pillow")
			.isZero();
		assertThat(decodedBy).isEqualTo(reader);
	}

	@Test
	void decodesALossyWebpWithinAFewLevelsOfLibwebp() {
		// given: Pillow decodes lossy WebP with libwebp, whose chroma upsampling TwelveMonkeys'
		// decoder does not share
		float[] golden = ClipFixtures.golden("thumbnail_rocket_lossy");

		// when
		float[] tensor = preprocessed("thumbnail_rocket_lossy.webp");

		// then
		float[] maxDifference = ClipFixtures.maxDifferencePerChannel(tensor, golden);
		double meanLevels = 0;
		for (int i = 0; i < tensor.length; i++) {
			meanLevels += Math.abs(tensor[i] - golden[i]) / ONE_LEVEL[i / (224 * 224)];
		}
		meanLevels /= tensor.length;
		for (int channel = 0; channel < 3; channel++) {
			assertThat(maxDifference[channel] / ONE_LEVEL[channel]).as("channel %d, in levels", channel)
				.isLessThanOrEqualTo(20);
		}
		assertThat(meanLevels).as("mean difference in levels").isLessThan(2.0);
	}

	private float[] preprocessed(String file) {
		try (DecodedThumbnail decoded = this.decoder.decode(bytes(file))) {
			return ClipFixtures.preprocess(decoded.image());
		}
	}

	static byte[] bytes(String name) {
		try (InputStream in = ThumbnailFormatsTest.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package com.heimdex.embeddings.thumbnail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static com.heimdex.embeddings.thumbnail.ThumbnailDecoderTests.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;

/** Decoding within the decode budget: large images subsampled, memory in flight bounded. */
class ThumbnailDecoderBudgetTests {

	@Test
	void decodesACameraOriginalSubsampledAndAnOrdinaryThumbnailWhole() throws IOException {
		// given
		ThumbnailDecoder decoder = new ThumbnailDecoder(ThumbnailProperties.defaults());
		byte[] original = CameraImages.jpeg(3000, 2000, 7);
		byte[] thumbnail = TestImages.jpeg(640, 360);

		// when
		DecodedThumbnail large = decoder.decode(original);
		DecodedThumbnail ordinary = decoder.decode(thumbnail);

		// then: 6 MP is over the default 4 MP, every second pixel of every second row is enough
		assertThat(large.subsampling()).isEqualTo(2);
		assertThat(large.image().getWidth()).isEqualTo(1500);
		assertThat(large.image().getHeight()).isEqualTo(1000);
		assertThat(large.sourceWidth()).isEqualTo(3000);
		assertThat(large.sourceHeight()).isEqualTo(2000);
		BufferedImage whole = ImageIO.read(new ByteArrayInputStream(original));
		assertThat(large.image().getRGB(101, 57)).isEqualTo(whole.getRGB(202, 114));
		assertThat(ordinary.subsampling()).isEqualTo(1);
		assertThat(ordinary.image().getWidth()).isEqualTo(640);
		assertThat(ordinary.sourceWidth()).isEqualTo(640);
	}

	@Test
	void refusesAnImageThatNeedsMoreThanTheWholeBudget() {
		// given: a 1 MB budget; a 1000x1000 PNG decodes into 3 MB
		ThumbnailDecoder decoder = new ThumbnailDecoder(ThumbnailProperties.defaults(),
				new ThumbnailDecodeProperties(DataSize.ofMegabytes(1), 4_000_000));

		// when
		ThumbnailException failure = catchFailure(() -> decoder.decode(TestImages.png(1000, 1000)));

		// then
		assertThat(failure.code()).isEqualTo("image_too_large");
		assertThat(failure.detail()).contains("1000x1000").contains("THUMBNAILS_DECODE_MEMORY");
		assertThat(decoder.decode(TestImages.png(100, 100)).image().getWidth()).as("small ones still fit").isEqualTo(100);
	}

	@Test
	void aDecodeWaitsUntilTheImagesInFlightGiveTheirShareBack() throws Exception {
		// given: a budget for one 800x800 image at a time (about 8 MB with its resampling)
		ThumbnailDecoder decoder = new ThumbnailDecoder(ThumbnailProperties.defaults(),
				new ThumbnailDecodeProperties(DataSize.ofMegabytes(10), 4_000_000));
		byte[] png = TestImages.png(800, 800);
		DecodedThumbnail first = decoder.decode(png);

		// when
		CompletableFuture<DecodedThumbnail> second = CompletableFuture.supplyAsync(() -> decoder.decode(png));

		// then
		Thread.sleep(300);
		assertThat(second).as("waiting for the first image's share").isNotDone();
		first.close();
		assertThat(second.get(5, TimeUnit.SECONDS).image().getWidth()).isEqualTo(800);
	}

	@Test
	void aFailedDecodeGivesItsShareBack() {
		// given: a budget for one 800x800 image at a time (about 8 MB with its resampling), and a corrupt one of that size
		ThumbnailDecoder decoder = new ThumbnailDecoder(ThumbnailProperties.defaults(),
				new ThumbnailDecodeProperties(DataSize.ofMegabytes(10), 4_000_000));
		byte[] png = TestImages.png(800, 800);
		byte[] truncated = TestImages.truncated(png, png.length / 2);

		// when
		assertThat(catchFailure(() -> decoder.decode(truncated)).code()).isEqualTo("image_decode_failed");

		// then
		assertThat(CompletableFuture.supplyAsync(() -> decoder.decode(png)))
			.succeedsWithin(java.time.Duration.ofSeconds(5));
	}

	@Test
	void refusesAShapeNoResizeCanHold() {
		// given: 224 x 40000000 / 1 is more pixels than a resize can address
		ThumbnailDecoder decoder = new ThumbnailDecoder(ThumbnailProperties.defaults());

		// when
		ThumbnailException failure = catchFailure(() -> decoder.decode(TestImages.pngDeclaring(39_000_000, 1)));

		// then
		assertThat(failure.code()).isEqualTo("image_too_large");
		assertThat(failure.detail()).contains("aspect ratio");
	}

}

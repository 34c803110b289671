package com.heimdex.embeddings.clip;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.heimdex.embeddings.pipeline.CropBox;
import com.heimdex.embeddings.pipeline.ImageFailure;
import com.heimdex.embeddings.pipeline.ImageSource;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import com.heimdex.embeddings.thumbnail.StorageProperties;
import com.heimdex.embeddings.thumbnail.TestImages;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailFailure;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;
import com.heimdex.embeddings.thumbnail.ThumbnailProperties;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Images of any source prepared for CLIP: whole, or a crop box of them in source pixels. */
class ClipImagePreparerTest {

	private final ThumbnailTestServer server = ThumbnailTestServer.start();

	private final ThumbnailProperties settings = new ThumbnailProperties(true, DataSize.ofMegabytes(5), 40_000_000L,
			Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(10), 5, 2);

	private final ClipImagePreparer<ImageSource> preparer = new ClipImagePreparer<>((source) -> source,
			new ThumbnailFetcher(this.settings, new StorageProperties(null, null)), new ThumbnailDecoder(this.settings),
			new ClipImagePreprocessor(), new LevelsBuffers(4), 0);

	private final BufferedImage photo = TestImages.gradient(300, 200);

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void aCropBoxIsEmbeddedAsTheImageOfJustThosePixels() throws Exception {
		this.server.serve("/photo.png", png(this.photo), "image/png");
		this.server.serve("/cut.png", png(this.photo.getSubimage(50, 20, 120, 150)), "image/png");

		PreparedImage<ImageSource> cropped = this.preparer.process(source("/photo.png", new CropBox(50, 20, 120, 150)));
		PreparedImage<ImageSource> cutBefore = this.preparer.process(source("/cut.png", null));

		assertThat(cropped.failure()).isNull();
		assertThat(cropped.pixels()).isEqualTo(cutBefore.pixels());
		assertThat(cropped.width()).as("the source image's size").isEqualTo(300);
		assertThat(cropped.height()).isEqualTo(200);
	}

	@Test
	void aCropBoxPastTheImagesEdgesIsCutAtThem() throws Exception {
		this.server.serve("/photo.png", png(this.photo), "image/png");
		this.server.serve("/corner.png", png(this.photo.getSubimage(250, 150, 50, 50)), "image/png");

		PreparedImage<ImageSource> past = this.preparer.process(source("/photo.png", new CropBox(250, 150, 90, 80)));

		assertThat(past.pixels()).isEqualTo(this.preparer.process(source("/corner.png", null)).pixels());
	}

	@Test
	void aCropBoxOutsideTheImageOrAMissingImageIsTheItemsTypedFailure() throws Exception {
		this.server.serve("/photo.png", png(this.photo), "image/png");
		this.server.notFound("/gone.png");

		PreparedImage<ImageSource> outside = this.preparer.process(source("/photo.png", new CropBox(300, 0, 10, 10)));
		PreparedImage<ImageSource> missing = this.preparer.process(source("/gone.png", null));

		assertThat(outside.isReady()).isFalse();
		assertThat(outside.failure()).isInstanceOfSatisfying(ImageFailure.Unavailable.class, (failure) -> {
			assertThat(failure.reason()).isEqualTo(ThumbnailFailure.IMAGE_DECODE_FAILED);
			assertThat(failure.detail()).contains("300,0 10x10").contains("300x200");
		});
		assertThat(missing.failure()).isInstanceOfSatisfying(ImageFailure.Unavailable.class,
				(failure) -> assertThat(failure.reason()).isEqualTo(ThumbnailFailure.NOT_FOUND));
		assertThat(ClipMetadata.errorCode(missing.failure())).isEqualTo("thumbnail_not_found");
		assertThat(ClipMetadata.errorCode(new ImageFailure.InferenceFailed(true, "slow"))).isEqualTo("clip_timeout");
		assertThat(ClipMetadata.errorCode(new ImageFailure.InferenceFailed(false, "broken"))).isEqualTo("clip_error");
	}

	@Test
	void aCropBoxOfAPhotoDecodedSubsampledCoversTheSamePartOfThePicture() throws Exception {
		// given: a 2400x1800 photo (over the 4 MP above which photos are decoded subsampled) that is
		// blue but for a red square at 1024,768 of 384x384 source pixels
		BufferedImage photo = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = photo.createGraphics();
		graphics.setColor(Color.BLUE);
		graphics.fillRect(0, 0, 2400, 1800);
		graphics.setColor(Color.RED);
		graphics.fillRect(1024, 768, 384, 384);
		graphics.dispose();
		this.server.serve("/photo.png", png(photo), "image/png");

		// when: the red square is the crop box
		PreparedImage<ImageSource> cropped = this.preparer.process(source("/photo.png", new CropBox(1024, 768, 384, 384)));

		// then: all its pixels are red, and the source size is the photo's as stored
		assertThat(cropped.failure()).isNull();
		assertThat(cropped.width()).isEqualTo(2400);
		int plane = ClipImagePreprocessor.TENSOR_LENGTH / 3;
		for (int i = 0; i < plane; i++) {
			assertThat(Byte.toUnsignedInt(cropped.pixels()[i])).as("red at %d", i).isEqualTo(255);
			assertThat(Byte.toUnsignedInt(cropped.pixels()[2 * plane + i])).as("blue at %d", i).isZero();
		}
	}

	@Test
	void aFailureNoCodeForeseesIsTheItemsFailureNotAnException() throws Exception {
		// given: a decoder whose codec fails outside what it maps to error codes (a plugin's bug)
		this.server.serve("/photo.png", png(this.photo), "image/png");
		ThumbnailDecoder buggyCodec = new ThumbnailDecoder(this.settings) {
			@Override
			public DecodedThumbnail decode(byte[] bytes) {
				throw new ArrayIndexOutOfBoundsException("Index 4096 out of bounds for length 4096");
			}
		};
		ClipImagePreparer<ImageSource> preparer = new ClipImagePreparer<>((source) -> source,
				new ThumbnailFetcher(this.settings, new StorageProperties(null, null)), buggyCodec,
				new ClipImagePreprocessor(), new LevelsBuffers(2), 0);

		// when
		PreparedImage<ImageSource> prepared = preparer.process(source("/photo.png", null));

		// then
		assertThat(prepared.isReady()).isFalse();
		assertThat(prepared.failure()).isInstanceOfSatisfying(ImageFailure.Unavailable.class, (failure) -> {
			assertThat(failure.reason()).isEqualTo(ThumbnailFailure.IMAGE_DECODE_FAILED);
			assertThat(failure.detail()).contains("ArrayIndexOutOfBoundsException").contains("4096");
		});
		assertThat(ClipMetadata.errorCode(prepared.failure())).isEqualTo("image_decode_failed");
	}

	private ImageSource source(String path, CropBox crop) {
		return new ImageSource(UUID.randomUUID(), this.server.url(path), crop);
	}

	private static byte[] png(BufferedImage image) throws IOException {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		copy.getGraphics().drawImage(image, 0, 0, null);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(copy, "png", bytes);
		return bytes.toByteArray();
	}

}

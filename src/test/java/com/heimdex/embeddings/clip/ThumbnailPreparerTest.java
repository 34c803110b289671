package com.heimdex.embeddings.clip;

import java.util.UUID;

import com.heimdex.embeddings.scene.PendingScene;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import com.heimdex.embeddings.thumbnail.StorageProperties;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;
import com.heimdex.embeddings.thumbnail.ThumbnailProperties;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailPreparerTest {

	private final ThumbnailTestServer server = ThumbnailTestServer.start();

	private final ThumbnailFetcher fetcher = new ThumbnailFetcher(
			ThumbnailProperties.defaults().withAllowPrivateAddresses(true), StorageProperties.none());

	@AfterEach
	void stop() {
		this.fetcher.close();
		this.server.close();
	}

	@Test
	void preparesAThumbnailIntoItsLevelsWithTheSourceSize() throws Exception {
		// given
		this.server.serve("/scene.jpg", ClipBackfillTestSupport.thumbnail(3), "image/jpeg");
		ThumbnailPreparer preparer = preparer(new ThumbnailDecoder(ThumbnailProperties.defaults()));

		// when
		PreparedScene prepared = preparer.process(scene(this.server.url("/scene.jpg")));

		// then
		assertThat(prepared.isReady()).isTrue();
		assertThat(prepared.pixels()).hasSize(ClipImagePreprocessor.TENSOR_LENGTH);
		assertThat(prepared.width()).isEqualTo(640);
		assertThat(prepared.height()).isEqualTo(360);
	}

	@Test
	void aFailureNoCodeForeseesIsTheScenesErrorNotAnException() throws Exception {
		// given: a decoder whose codec fails outside what it maps to error codes (a plugin's bug)
		this.server.serve("/scene.jpg", ClipBackfillTestSupport.thumbnail(3), "image/jpeg");
		ThumbnailDecoder buggyCodec = new ThumbnailDecoder(ThumbnailProperties.defaults()) {
			@Override
			public DecodedThumbnail decode(byte[] bytes) {
				throw new ArrayIndexOutOfBoundsException("Index 4096 out of bounds for length 4096");
			}
		};

		// when
		PreparedScene prepared = preparer(buggyCodec).process(scene(this.server.url("/scene.jpg")));

		// then
		assertThat(prepared.isReady()).isFalse();
		assertThat(prepared.errorCode()).isEqualTo("image_decode_failed");
		assertThat(prepared.errorDetail()).contains("ArrayIndexOutOfBoundsException").contains("4096");
	}

	private ThumbnailPreparer preparer(ThumbnailDecoder decoder) {
		return new ThumbnailPreparer(this.fetcher, decoder, new ClipImagePreprocessor(), new LevelsBuffers(2), 0);
	}

	private static PendingScene scene(String url) {
		return new PendingScene(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, url);
	}

}

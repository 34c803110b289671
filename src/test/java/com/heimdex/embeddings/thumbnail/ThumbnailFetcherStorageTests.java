package com.heimdex.embeddings.thumbnail;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.heimdex.embeddings.thumbnail.ThumbnailDecoderTests.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ThumbnailFetcherStorageTests {

	private static final String TOKEN = "s3cret-token";

	private final ThumbnailTestServer server = ThumbnailTestServer.start();

	private final ThumbnailFetcher fetcher = new ThumbnailFetcher(
			ThumbnailFetcherTests.properties(1, 1_000_000, Duration.ofSeconds(5), Duration.ofMillis(10)),
			new StorageProperties(URI.create(this.server.url("/storage/v1/object/thumbnails/")), TOKEN, true));

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void fetchesAStoragePathWithTheBearerToken() {
		// given
		byte[] jpeg = TestImages.jpeg(16, 9);
		String path = "/storage/v1/object/thumbnails/user_id/video_id/thumbnails/scene_12.jpg";
		this.server.requireBearer(path, TOKEN, jpeg, "image/jpeg");

		// when
		FetchedThumbnail fetched = this.fetcher.fetch("user_id/video_id/thumbnails/scene_12.jpg");

		// then
		assertThat(fetched.bytes()).isEqualTo(jpeg);
		assertThat(fetched.finalUrl()).isEqualTo(this.server.uri(path));
		assertThat(this.server.authorizations(path)).containsExactly("Bearer " + TOKEN);
	}

	@Test
	void sendsNoTokenToAnAbsoluteUrlOnAnotherOrigin() {
		// given: localhost is another origin than the storage's 127.0.0.1
		this.server.serve("/cdn/scene_1.jpg", TestImages.jpeg(8, 8), "image/jpeg");

		// when
		this.fetcher.fetch(this.server.localhostUrl("/cdn/scene_1.jpg"));

		// then
		assertThat(this.server.authorizations("/cdn/scene_1.jpg")).containsExactly("");
	}

	@Test
	void sendsNoTokenAfterARedirectToAnotherOrigin() {
		// given
		this.server.redirect("/storage/v1/object/thumbnails/u/v/moved.jpg", 302, this.server.localhostUrl("/elsewhere.jpg"))
			.serve("/elsewhere.jpg", TestImages.jpeg(8, 8), "image/jpeg");

		// when
		FetchedThumbnail fetched = this.fetcher.fetch("u/v/moved.jpg");

		// then
		assertThat(fetched.finalUrl()).isEqualTo(URI.create(this.server.localhostUrl("/elsewhere.jpg")));
		assertThat(this.server.authorizations("/storage/v1/object/thumbnails/u/v/moved.jpg"))
			.containsExactly("Bearer " + TOKEN);
		assertThat(this.server.authorizations("/elsewhere.jpg")).containsExactly("");
	}

	@Test
	void aRefusedTokenIsTheStorageRefusingItsAuthorizationNotTheScenesFailure() {
		// given
		String path = "/storage/v1/object/thumbnails/u/v/private.jpg";
		this.server.requireBearer(path, "another-token", TestImages.jpeg(8, 8), "image/jpeg");

		// when / then: not retried, named as the storage's authorization, the token never shown
		assertThatExceptionOfType(StorageAuthorizationException.class).isThrownBy(() -> this.fetcher.fetch("u/v/private.jpg"))
			.withMessageContaining("the storage " + this.server.url("/storage/v1/object/thumbnails/"))
			.withMessageContaining("refused the bearer token (STORAGE_AUTH_TOKEN)")
			.withMessageContaining("HTTP 401")
			.withMessageNotContaining(TOKEN);
		assertThat(this.server.requestCount(path)).isEqualTo(1);
	}

	@Test
	void aStorageThatAsksForAuthorizationWithoutATokenSetStopsTooAndA403Likewise() {
		// given
		ThumbnailFetcher withoutToken = new ThumbnailFetcher(
				ThumbnailFetcherTests.properties(1, 1_000_000, Duration.ofSeconds(5), Duration.ofMillis(10)),
				new StorageProperties(URI.create(this.server.url("/storage/")), null));
		this.server.status("/storage/u/v/a.jpg", 401).status("/storage/u/v/b.jpg", 403);

		// then
		assertThatExceptionOfType(StorageAuthorizationException.class).isThrownBy(() -> withoutToken.fetch("u/v/a.jpg"))
			.withMessageContaining("requires authorization, and no STORAGE_AUTH_TOKEN is set");
		assertThatExceptionOfType(StorageAuthorizationException.class).isThrownBy(() -> withoutToken.fetch("u/v/b.jpg"))
			.withMessageContaining("HTTP 403");
	}

	@Test
	void a401FromAnotherOriginIsThatThumbnailsHttpError() {
		// given: localhost is another origin than the storage's 127.0.0.1
		this.server.status("/signed/expired.jpg", 401);

		assertFailure(() -> this.fetcher.fetch(this.server.localhostUrl("/signed/expired.jpg")),
				ThumbnailFailure.HTTP_ERROR);
	}

	@Test
	void refusesAStoragePathWithoutABaseUrlBeforeAnyRequest() {
		ThumbnailFetcher withoutStorage = new ThumbnailFetcher(
				ThumbnailFetcherTests.properties(1, 1_000_000, Duration.ofSeconds(5), Duration.ofMillis(10)),
				StorageProperties.none());

		assertFailure(() -> withoutStorage.fetch("u/v/scene_1.jpg"), ThumbnailFailure.URL_NOT_ALLOWED);
	}

}

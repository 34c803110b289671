package com.heimdex.embeddings.thumbnail;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static com.heimdex.embeddings.thumbnail.ThumbnailDecoderTests.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailUrlResolverTests {

	private static final URI BASE = URI.create("https://storage.example.com/storage/v1/object/thumbnails");

	private final ThumbnailUrlResolver resolver = new ThumbnailUrlResolver(new StorageProperties(BASE, "s3cret"));

	@Test
	void keepsAnAbsoluteUrl() {
		ThumbnailLocation location = this.resolver.resolve("https://cdn.example.org/t/scene_1.jpg?sig=abc");

		assertThat(location.uri()).isEqualTo(URI.create("https://cdn.example.org/t/scene_1.jpg?sig=abc"));
		assertThat(location.fromStoragePath()).isFalse();
	}

	@Test
	void resolvesAStoragePathBelowTheBaseUrl() {
		ThumbnailLocation location = this.resolver.resolve("user_id/video_id/thumbnails/scene_12.jpg");

		assertThat(location.uri()).isEqualTo(URI.create(
				"https://storage.example.com/storage/v1/object/thumbnails/user_id/video_id/thumbnails/scene_12.jpg"));
		assertThat(location.fromStoragePath()).isTrue();
	}

	@Test
	void encodesStoragePathCharactersAndIgnoresLeadingSlashes() {
		ThumbnailLocation location = this.resolver.resolve("/u1/v 1/scene#2?.jpg");

		assertThat(location.uri().toString())
			.isEqualTo("https://storage.example.com/storage/v1/object/thumbnails/u1/v%201/scene%232%3F.jpg");
	}

	@Test
	void refusesAStoragePathThatClimbsOutOfTheBaseUrl() {
		assertFailure(() -> this.resolver.resolve("u1/../../../admin/secret.jpg"), ThumbnailFailure.URL_NOT_ALLOWED);
	}

	@Test
	void refusesAStoragePathWhenNoBaseUrlIsConfigured() {
		ThumbnailUrlResolver withoutStorage = new ThumbnailUrlResolver(StorageProperties.none());

		assertFailure(() -> withoutStorage.resolve("u1/v1/thumbnails/scene_1.jpg"), ThumbnailFailure.URL_NOT_ALLOWED);
	}

	@Test
	void refusesOtherSchemesAndEmptyValuesAsHttpError() {
		assertFailure(() -> this.resolver.resolve("ftp://storage.example.com/a.jpg"), ThumbnailFailure.HTTP_ERROR);
		assertFailure(() -> this.resolver.resolve("file:///etc/passwd"), ThumbnailFailure.HTTP_ERROR);
		assertFailure(() -> this.resolver.resolve("  "), ThumbnailFailure.HTTP_ERROR);
	}

	@Test
	void sendsTheTokenOnlyToTheStorageOrigin() {
		assertThat(this.resolver.authorizationFor(URI.create("https://storage.example.com/other/path.jpg")))
			.contains("Bearer s3cret");
		assertThat(this.resolver.authorizationFor(URI.create("https://STORAGE.example.com:443/x.jpg")))
			.contains("Bearer s3cret");
		assertThat(this.resolver.authorizationFor(URI.create("http://storage.example.com/x.jpg"))).isEmpty();
		assertThat(this.resolver.authorizationFor(URI.create("https://storage.example.com:8443/x.jpg"))).isEmpty();
		assertThat(this.resolver.authorizationFor(URI.create("https://cdn.example.com/x.jpg"))).isEmpty();
		assertThat(this.resolver.authorizationFor(URI.create("https://storage.example.com.evil.test/x.jpg"))).isEmpty();
	}

	@Test
	void sendsNoAuthorizationWithoutAToken() {
		ThumbnailUrlResolver withoutToken = new ThumbnailUrlResolver(new StorageProperties(BASE, null));

		assertThat(withoutToken.authorizationFor(URI.create("https://storage.example.com/x.jpg"))).isEmpty();
	}

}

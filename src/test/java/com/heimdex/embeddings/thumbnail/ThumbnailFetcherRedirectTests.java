package com.heimdex.embeddings.thumbnail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.heimdex.embeddings.thumbnail.ThumbnailDecoderTests.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailFetcherRedirectTests {

	private final ThumbnailTestServer server = ThumbnailTestServer.start();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void followsRedirectsAndReportsTheFinalUrl() {
		// given
		byte[] jpeg = TestImages.jpeg(16, 16);
		this.server.redirect("/old.jpg", 301, "/moved.jpg")
			.redirect("/moved.jpg", 307, this.server.url("/new.jpg"))
			.serve("/new.jpg", jpeg, "image/jpeg");

		// when
		FetchedThumbnail fetched = permissiveFetcher().fetch(this.server.url("/old.jpg"));

		// then
		assertThat(fetched.bytes()).isEqualTo(jpeg);
		assertThat(fetched.finalUrl()).isEqualTo(this.server.uri("/new.jpg"));
	}

	@Test
	void stopsAfterMaxRedirects() {
		this.server.redirect("/loop.jpg", 302, "/loop.jpg");

		assertFailure(() -> permissiveFetcher().fetch(this.server.url("/loop.jpg")), ThumbnailFailure.HTTP_ERROR);
		// the first request plus five redirects, in a single attempt: loops are not retried
		assertThat(this.server.requestCount("/loop.jpg")).isEqualTo(6);
	}

	@Test
	void refusesARedirectToAnotherScheme() {
		this.server.redirect("/to-file.jpg", 302, "file:///etc/passwd");

		assertFailure(() -> permissiveFetcher().fetch(this.server.url("/to-file.jpg")), ThumbnailFailure.HTTP_ERROR);
	}

	@Test
	void refusesTheLocalServerWhenPrivateAddressesAreNotAllowed() {
		// given
		this.server.serve("/a.jpg", TestImages.jpeg(8, 8), "image/jpeg");
		ThumbnailFetcher strict = new ThumbnailFetcher(
				ThumbnailFetcherTests.properties(3, 1_000_000, Duration.ofSeconds(5), Duration.ofMillis(10))
					.withAllowPrivateAddresses(false),
				StorageProperties.none());

		// then: refused before any request, and not retried
		assertFailure(() -> strict.fetch(this.server.url("/a.jpg")), ThumbnailFailure.URL_NOT_ALLOWED);
		assertFailure(() -> strict.fetch(this.server.localhostUrl("/a.jpg")), ThumbnailFailure.URL_NOT_ALLOWED);
		assertThat(this.server.requestCount("/a.jpg")).isZero();
	}

	@Test
	void servesAPublicHostThroughTheProxyUsedByThePolicyTests() {
		// given: the control case for the tests below
		byte[] jpeg = TestImages.jpeg(8, 8);
		this.server.serve("/public.jpg", jpeg, "image/jpeg");

		// then
		assertThat(publicInternetFetcher().fetch("http://thumbs.example/public.jpg").bytes()).isEqualTo(jpeg);
		assertThat(this.server.requestCount("/public.jpg")).isEqualTo(1);
	}

	@Test
	void refusesARedirectFromAPublicHostToPrivateAddresses() {
		// given
		this.server.serve("/internal.jpg", TestImages.jpeg(8, 8), "image/jpeg")
			.redirect("/to-loopback.jpg", 302, this.server.url("/internal.jpg"))
			.redirect("/to-private.jpg", 302, "http://10.20.30.40/internal.jpg")
			.redirect("/to-metadata.jpg", 302, "http://169.254.169.254/latest/meta-data/")
			.redirect("/to-ipv6-loopback.jpg", 302, "http://[::1]:" + this.server.port() + "/internal.jpg");
		ThumbnailFetcher fetcher = publicInternetFetcher();

		// then
		assertFailure(() -> fetcher.fetch("http://thumbs.example/to-loopback.jpg"), ThumbnailFailure.URL_NOT_ALLOWED);
		assertFailure(() -> fetcher.fetch("http://thumbs.example/to-private.jpg"), ThumbnailFailure.URL_NOT_ALLOWED);
		assertFailure(() -> fetcher.fetch("http://thumbs.example/to-metadata.jpg"), ThumbnailFailure.URL_NOT_ALLOWED);
		assertFailure(() -> fetcher.fetch("http://thumbs.example/to-ipv6-loopback.jpg"), ThumbnailFailure.URL_NOT_ALLOWED);
		assertThat(this.server.requestCount("/to-loopback.jpg")).isEqualTo(1);
		assertThat(this.server.requestCount("/internal.jpg")).isZero();
	}

	private ThumbnailFetcher permissiveFetcher() {
		return new ThumbnailFetcher(
				ThumbnailFetcherTests.properties(3, 1_000_000, Duration.ofSeconds(5), Duration.ofMillis(10)),
				StorageProperties.none());
	}

	/**
	 * A fetcher with the strict policy that sees {@code thumbs.example} as a public address, and
	 * whose HTTP client reaches every host through the local server acting as a proxy.
	 */
	private ThumbnailFetcher publicInternetFetcher() {
		ThumbnailProperties properties = ThumbnailFetcherTests
			.properties(1, 1_000_000, Duration.ofSeconds(5), Duration.ofMillis(10))
			.withAllowPrivateAddresses(false);
		UrlPolicy policy = new UrlPolicy(false, (host) -> "thumbs.example".equals(host)
				? new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 93, (byte) 184, (byte) 216, 34 }) }
				: resolve(host));
		return new ThumbnailFetcher(properties, StorageProperties.none(),
				new InetSocketAddress("127.0.0.1", this.server.port()), policy);
	}

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		return InetAddress.getAllByName(host);
	}

}

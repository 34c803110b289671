package com.heimdex.embeddings.thumbnail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.heimdex.embeddings.thumbnail.ThumbnailDecoderTests.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;

/** The connection goes to the addresses the URL policy resolved and checked, nowhere else. */
class ThumbnailFetcherDnsTests {

	private static final byte[] PUBLIC = { 93, (byte) 184, (byte) 216, 34 };

	private static final byte[] LOOPBACK = { 127, 0, 0, 1 };

	private final ThumbnailTestServer server = ThumbnailTestServer.start();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void connectsToTheAddressThePolicyResolved() {
		// given: a name only the policy's resolver knows, allowed to resolve to the local server
		UrlPolicy policy = new UrlPolicy(true, (host) -> new InetAddress[] { address(host, LOOPBACK) });
		this.server.serve("/a.jpg", TestImages.jpeg(8, 8), "image/jpeg");

		// when
		FetchedThumbnail fetched = fetcher(policy).fetch("http://thumbs.test:" + this.server.port() + "/a.jpg");

		// then
		assertThat(fetched.bytes()).isEqualTo(TestImages.jpeg(8, 8));
	}

	@Test
	void aDnsAnswerRebindingToAPrivateAddressAfterTheCheckIsRefusedNotConnectedTo() {
		// given: the first answer is public, every later one the local server (DNS rebinding)
		AtomicInteger lookups = new AtomicInteger();
		UrlPolicy policy = new UrlPolicy(false,
				(host) -> new InetAddress[] { address(host, (lookups.incrementAndGet() == 1) ? PUBLIC : LOOPBACK) });
		this.server.serve("/secret.jpg", TestImages.jpeg(8, 8), "image/jpeg");

		// when
		ThumbnailException failure = catchFailure(
				() -> fetcher(policy).fetch("http://rebind.test:" + this.server.port() + "/secret.jpg"));

		// then
		assertThat(failure.code()).isEqualTo("url_not_allowed");
		assertThat(failure.detail()).contains("rebind.test").contains("127.0.0.1");
		assertThat(this.server.requestCount("/secret.jpg")).isZero();
	}

	private static ThumbnailFetcher fetcher(UrlPolicy policy) {
		return new ThumbnailFetcher(ThumbnailFetcherTests.properties(1, 1_000_000, Duration.ofSeconds(5),
				Duration.ofMillis(10)), StorageProperties.none(), null, policy);
	}

	private static InetAddress address(String host, byte[] address) throws UnknownHostException {
		return InetAddress.getByAddress(host, address);
	}

}

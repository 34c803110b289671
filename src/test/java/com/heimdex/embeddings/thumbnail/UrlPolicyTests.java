package com.heimdex.embeddings.thumbnail;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.heimdex.embeddings.thumbnail.ThumbnailDecoderTests.assertFailure;
import static org.assertj.core.api.Assertions.assertThatNoException;

class UrlPolicyTests {

	private final UrlPolicy policy = new UrlPolicy(false);

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/a.jpg", "http://127.8.9.10:8080/a.jpg", "http://10.0.0.5/a.jpg",
			"http://10.255.255.255/a.jpg", "http://172.16.0.1/a.jpg", "http://172.31.255.254/a.jpg",
			"http://192.168.1.10/a.jpg", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/a.jpg",
			"http://100.127.255.255/a.jpg", "http://0.0.0.0/a.jpg", "http://224.0.0.1/a.jpg",
			"http://255.255.255.255/a.jpg", "http://[::1]/a.jpg", "http://[::]/a.jpg", "http://[fe80::1]/a.jpg",
			"http://[fc00::1]/a.jpg", "http://[fd12:3456::1]/a.jpg", "http://[ff02::1]/a.jpg",
			"http://[::ffff:127.0.0.1]/a.jpg", "http://[::ffff:10.1.2.3]/a.jpg", "http://[::ffff:169.254.169.254]/a.jpg",
			"http://[::10.1.2.3]/a.jpg", "http://[64:ff9b::a00:1]/a.jpg", "https://localhost/a.jpg" })
	void refusesNonPublicTargets(String url) {
		assertFailure(() -> this.policy.check(URI.create(url)), ThumbnailFailure.URL_NOT_ALLOWED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://93.184.216.34/a.jpg", "https://8.8.8.8/a.jpg", "http://172.15.255.255/a.jpg",
			"http://172.32.0.1/a.jpg", "http://100.63.255.255/a.jpg", "http://100.128.0.1/a.jpg",
			"http://192.169.0.1/a.jpg", "http://[2606:4700:4700::1111]/a.jpg", "http://[::ffff:8.8.8.8]/a.jpg",
			"http://[64:ff9b::808:808]/a.jpg" })
	void allowsPublicTargets(String url) {
		assertThatNoException().isThrownBy(() -> this.policy.check(URI.create(url)));
	}

	@Test
	void refusesAHostNameWhenAnyOfItsAddressesIsPrivate() {
		// given
		UrlPolicy policy = new UrlPolicy(false, (host) -> new InetAddress[] { address("93.184.216.34"), address("10.0.0.1") });

		// then
		assertFailure(() -> policy.check(URI.create("https://cdn.example.com/a.jpg")), ThumbnailFailure.URL_NOT_ALLOWED);
	}

	@Test
	void allowsAHostNameWhoseAddressesAreAllPublic() {
		UrlPolicy policy = new UrlPolicy(false, (host) -> new InetAddress[] { address("93.184.216.34") });

		assertThatNoException().isThrownBy(() -> policy.check(URI.create("https://cdn.example.com/a.jpg")));
	}

	@Test
	void allowsPrivateTargetsWhenConfigured() {
		UrlPolicy permissive = new UrlPolicy(true);

		assertThatNoException().isThrownBy(() -> permissive.check(URI.create("http://127.0.0.1:8080/a.jpg")));
		assertThatNoException().isThrownBy(() -> permissive.check(URI.create("http://10.0.0.5/a.jpg")));
		assertThatNoException().isThrownBy(() -> permissive.check(URI.create("http://[::1]/a.jpg")));
	}

	@Test
	void refusesSchemesOtherThanHttpEvenWhenPrivateTargetsAreAllowed() {
		UrlPolicy permissive = new UrlPolicy(true);

		assertFailure(() -> permissive.check(URI.create("ftp://93.184.216.34/a.jpg")), ThumbnailFailure.HTTP_ERROR);
		assertFailure(() -> permissive.check(URI.create("file:///etc/passwd")), ThumbnailFailure.HTTP_ERROR);
	}

	@Test
	void reportsAnUnknownHostAsHttpError() {
		UrlPolicy policy = new UrlPolicy(false, (host) -> {
			throw new UnknownHostException(host);
		});

		assertFailure(() -> policy.check(URI.create("https://no-such-host.invalid/a.jpg")), ThumbnailFailure.HTTP_ERROR);
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}

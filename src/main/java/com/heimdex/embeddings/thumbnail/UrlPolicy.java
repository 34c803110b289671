package com.heimdex.embeddings.thumbnail;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Decides whether a URL may be requested: http(s) only, and unless private addresses are allowed,
 * no host that resolves to a loopback, link-local, site-local/private (10/8, 172.16/12,
 * 192.168/16), CGNAT (100.64/10), unique-local (fc00::/7), unspecified, multicast or reserved
 * address, also when written as an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address. A host is
 * refused if any of its addresses is.
 * <p>
 * {@link #check} resolves the host to refuse a request early; the HTTP client connects only to
 * the addresses {@link #allowedAddresses} resolves and checks again when it opens the connection
 * ({@link PolicyDnsResolver}), so a DNS answer that changes in between (rebinding) is caught.
 */
final class UrlPolicy {

	/** Looks up the addresses of a host name or literal. */
	@FunctionalInterface
	interface HostResolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	private final boolean allowPrivateAddresses;

	private final HostResolver resolver;

	UrlPolicy(boolean allowPrivateAddresses) {
		this(allowPrivateAddresses, InetAddress::getAllByName);
	}

	UrlPolicy(boolean allowPrivateAddresses, HostResolver resolver) {
		this.allowPrivateAddresses = allowPrivateAddresses;
		this.resolver = resolver;
	}

	/** Returns normally when {@code uri} may be requested, throws otherwise. */
	void check(URI uri) {
		if (!HttpOrigin.isHttp(uri)) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "unsupported URL scheme: " + uri.getScheme());
		}
		String host = uri.getHost();
		if (host == null) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "URL has no valid host: " + RedactedUrl.of(uri));
		}
		if (this.allowPrivateAddresses) {
			return;
		}
		try {
			allowedAddresses(host);
		}
		catch (UnknownHostException ex) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "unknown host: " + host);
		}
	}

	/**
	 * The addresses of {@code host}, resolved once and all checked: what a connection may go to.
	 * @throws UnknownHostException when the host has no address
	 * @throws ThumbnailException {@code url_not_allowed} when one of them is not public, unless
	 * private addresses are allowed
	 */
	InetAddress[] allowedAddresses(String host) throws UnknownHostException {
		InetAddress[] addresses = this.resolver.resolve(host);
		if (this.allowPrivateAddresses) {
			return addresses;
		}
		for (InetAddress address : addresses) {
			if (isNonPublic(address)) {
				throw new ThumbnailException(ThumbnailFailure.URL_NOT_ALLOWED,
						"host " + host + " resolves to non-public address " + address.getHostAddress());
			}
		}
		return addresses;
	}

	static boolean isNonPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return isNonPublicIpv4(bytes);
		}
		if (address instanceof Inet6Address) {
			return isNonPublicIpv6(bytes);
		}
		return true;
	}

	private static boolean isNonPublicIpv4(byte[] b) {
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		return first == 0 // "this network"
				|| first == 127 || first == 10 || (first == 172 && (second & 0xf0) == 16)
				|| (first == 192 && second == 168) || (first == 169 && second == 254)
				|| (first == 100 && (second & 0xc0) == 64) // CGNAT 100.64/10
				|| first >= 224; // multicast, reserved, broadcast
	}

	private static boolean isNonPublicIpv6(byte[] b) {
		if ((b[0] & 0xfe) == 0xfc) { // unique-local fc00::/7
			return true;
		}
		if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) { // ::ffff:a.b.c.d
			return isNonPublicIpv4(embeddedIpv4(b));
		}
		if (isZero(b, 0, 12)) { // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 are caught earlier
			return isNonPublicIpv4(embeddedIpv4(b));
		}
		boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
				&& (b[3] & 0xff) == 0x9b && isZero(b, 4, 12); // 64:ff9b::/96
		return nat64 && isNonPublicIpv4(embeddedIpv4(b));
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static byte[] embeddedIpv4(byte[] ipv6) {
		return new byte[] { ipv6[12], ipv6[13], ipv6[14], ipv6[15] };
	}

}

package com.heimdex.embeddings.thumbnail;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's name resolution, through the {@link UrlPolicy}: a host is resolved once when
 * a connection is opened, its addresses are checked, and the connection goes to those very
 * addresses. A DNS answer that changes after the policy's first look (rebinding to a private
 * address) is refused, not connected to.
 */
final class PolicyDnsResolver implements DnsResolver {

	private final UrlPolicy policy;

	PolicyDnsResolver(UrlPolicy policy) {
		this.policy = policy;
	}

	/**
	 * @throws ThumbnailException {@code url_not_allowed} when an address is not public (unless the
	 * policy allows private addresses)
	 */
	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		return this.policy.allowedAddresses(host);
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		return host;
	}

}

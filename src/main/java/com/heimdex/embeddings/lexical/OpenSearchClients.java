package com.heimdex.embeddings.lexical;

import java.net.URI;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** The official OpenSearch client over Apache HttpClient 5, with basic auth when configured. */
final class OpenSearchClients {

	private OpenSearchClients() {
	}

	static OpenSearchClient create(OpenSearchProperties settings) {
		URI uri = URI.create(settings.url().trim());
		HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(),
				(uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80));
		ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
			.setMapper(new JacksonJsonpMapper())
			.setRequestConfigCallback((config) -> config
				.setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
				.setResponseTimeout(Timeout.of(settings.responseTimeout())))
			.setHttpClientConfigCallback((client) -> {
				if (settings.hasCredentials()) {
					BasicCredentialsProvider credentials = new BasicCredentialsProvider();
					credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(settings.username(),
							(settings.password() != null) ? settings.password().toCharArray() : new char[0]));
					client.setDefaultCredentialsProvider(credentials);
				}
				return client;
			});
		if (uri.getPath() != null && !uri.getPath().isBlank() && !"/".equals(uri.getPath())) {
			builder.setPathPrefix(uri.getPath());
		}
		OpenSearchTransport transport = builder.build();
		return new OpenSearchClient(transport);
	}

}

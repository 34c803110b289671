package com.heimdex.embeddings.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the admin server ({@code serve}).
 *
 * @param token the bearer token every request must carry ({@code ADMIN_TOKEN}); required, at
 * least {@value AdminToken#MINIMUM_LENGTH} characters; never logged
 * @param port the HTTP port ({@code ADMIN_PORT}, default 8080)
 */
@ConfigurationProperties("admin")
public record AdminProperties(String token, Integer port) {

	/** The port when {@code ADMIN_PORT} is not set. */
	public static final int DEFAULT_PORT = 8080;

	public AdminProperties {
		port = (port != null) ? port : DEFAULT_PORT;
	}

	@Override
	public String toString() {
		return "AdminProperties[token=(hidden), port=" + this.port + "]";
	}

}

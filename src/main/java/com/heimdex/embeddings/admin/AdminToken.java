package com.heimdex.embeddings.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;

/**
 * The admin bearer token. Compared in constant time (SHA-256 digests of equal length, compared
 * with {@link MessageDigest#isEqual}), so the time taken says nothing about the token.
 */
public final class AdminToken {

	static final int MINIMUM_LENGTH = 32;

	private final byte[] digest;

	private AdminToken(String token) {
		this.digest = sha256(token);
	}

	/**
	 * @throws InvalidJobArgumentsException when no token, or too short a one, is configured: the
	 * admin server never runs open
	 */
	public static AdminToken of(String token) {
		if (token == null || token.isBlank()) {
			throw new InvalidJobArgumentsException("ADMIN_TOKEN is not set; the admin server never runs without "
					+ "authentication: set ADMIN_TOKEN to a secret of at least " + MINIMUM_LENGTH
					+ " characters (for example: openssl rand -hex 32)");
		}
		if (token.strip().length() < MINIMUM_LENGTH) {
			throw new InvalidJobArgumentsException("ADMIN_TOKEN is too short (" + token.strip().length()
					+ " characters); set it to a secret of at least " + MINIMUM_LENGTH
					+ " characters (for example: openssl rand -hex 32)");
		}
		return new AdminToken(token.strip());
	}

	boolean matches(String candidate) {
		return candidate != null && MessageDigest.isEqual(this.digest, sha256(candidate));
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	@Override
	public String toString() {
		return "AdminToken(hidden)";
	}

}

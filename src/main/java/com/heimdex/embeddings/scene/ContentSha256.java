package com.heimdex.embeddings.scene;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a text: lower-case hex SHA-256 of its UTF-8 bytes. The same value as
 * {@link TextChannel#sha256Expression()} computes in PostgreSQL, so that Java and SQL agree on
 * whether a text changed, and the key of the text embedding cache.
 */
public final class ContentSha256 {

	private ContentSha256() {
	}

	public static String of(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime provides SHA-256", ex);
		}
	}

}

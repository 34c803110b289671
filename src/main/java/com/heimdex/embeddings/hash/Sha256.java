package com.heimdex.embeddings.hash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests in lower-case hex: of model files (the form {@code CLIP_MODEL_SHA256} takes)
 * and of texts (the content hash the text embeddings record and cache by).
 */
public final class Sha256 {

	private Sha256() {
	}

	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime provides SHA-256", ex);
		}
	}

	public static String of(Path file) throws IOException {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return hex(digest);
	}

	/**
	 * The content hash of a text: the SHA-256 of its UTF-8 bytes. The same value as
	 * {@code TextChannel#sha256Expression()} computes in PostgreSQL, so that Java and SQL agree on
	 * whether a text changed; the key of the text embedding cache.
	 */
	public static String ofText(String text) {
		return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

}

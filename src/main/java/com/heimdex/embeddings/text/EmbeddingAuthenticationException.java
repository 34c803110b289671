package com.heimdex.embeddings.text;

/** The endpoint refused the credentials (401/403): {@code OPENAI_API_KEY} is missing, wrong or lacks access. */
public class EmbeddingAuthenticationException extends EmbeddingEndpointException {

	public EmbeddingAuthenticationException(String message) {
		super(message);
	}

}

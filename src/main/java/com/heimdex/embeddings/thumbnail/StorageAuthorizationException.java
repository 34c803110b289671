package com.heimdex.embeddings.thumbnail;

/**
 * The storage refused the request's authorization (401 or 403 from the storage base URL's
 * origin): {@code STORAGE_AUTH_TOKEN} is missing, expired or lacks access. Every other storage
 * path would fail the same way, so this is not one scene's failure: the run stops, leaving the
 * scenes untouched, to be resumed once the token is fixed. Messages never contain the token.
 */
public class StorageAuthorizationException extends RuntimeException {

	StorageAuthorizationException(String message) {
		super(message);
	}

}

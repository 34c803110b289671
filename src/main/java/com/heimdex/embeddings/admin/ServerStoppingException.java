package com.heimdex.embeddings.admin;

/** The server is shutting down and starts nothing more (HTTP 503). */
class ServerStoppingException extends RuntimeException {

	ServerStoppingException() {
		super("the admin server is shutting down; nothing is started");
	}

}

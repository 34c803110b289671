package com.heimdex.embeddings.lexical;

/** Stable codes of a document the index refused, as {@code scene_lexical_index.error} records them. */
enum LexicalIndexError {

	/** Answered 429 until {@code LEXICAL_MAX_RATE_LIMITED_ATTEMPTS} ran out. */
	RATE_LIMITED("rate_limited"),

	/** The index refused the document itself (4xx: mapping or parsing failure, a term too long). */
	DOCUMENT_REJECTED("document_rejected"),

	/** The target index does not exist (deleted while the run wrote to it). */
	INDEX_NOT_FOUND("index_not_found"),

	/** The index failed on the document (5xx). */
	SERVER_ERROR("server_error");

	private final String code;

	LexicalIndexError(String code) {
		this.code = code;
	}

	String code() {
		return this.code;
	}

	/** The code of an item answered with this HTTP status (not 429, which is retried first). */
	static LexicalIndexError ofStatus(int status) {
		if (status == 404) {
			return INDEX_NOT_FOUND;
		}
		return (status >= 500) ? SERVER_ERROR : DOCUMENT_REJECTED;
	}

}

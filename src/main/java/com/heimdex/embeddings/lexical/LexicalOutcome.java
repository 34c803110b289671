package com.heimdex.embeddings.lexical;

/**
 * What became of one work item in the index.
 *
 * @param item the item
 * @param error a stable code when the index refused it, {@code null} when it landed
 * @param detail what the index answered, for {@code error_detail}
 */
record LexicalOutcome(LexicalWorkItem item, LexicalIndexError error, String detail) {

	static LexicalOutcome done(LexicalWorkItem item) {
		return new LexicalOutcome(item, null, null);
	}

	static LexicalOutcome failed(LexicalWorkItem item, LexicalIndexError error, String detail) {
		return new LexicalOutcome(item, error, detail);
	}

	boolean succeeded() {
		return this.error == null;
	}

}

package com.heimdex.embeddings.lexical;

/**
 * What identifies how the lexical index is made, for the embedding spec: where documents go and
 * what besides a scene's fields makes a document there.
 *
 * @param target {@code postgresql} or {@code opensearch}
 * @param profile the text-search configuration or analyzer and index settings the documents are made with
 */
public record LexicalIndexMethod(String target, String profile) {
}

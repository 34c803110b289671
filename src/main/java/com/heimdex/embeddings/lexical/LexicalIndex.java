package com.heimdex.embeddings.lexical;

import java.util.List;

/** A back end of the lexical index: where scene documents are written and removed. */
interface LexicalIndex {

	/** {@code postgresql} or {@code opensearch}, as {@code scene_lexical_index.target} records it. */
	String target();

	/** What besides a scene's fields makes its document here (see {@link LexicalSceneSelection#profile()}). */
	String profile();

	/**
	 * Gets the index ready for a run and says where its documents go: creates what is missing, or
	 * for a forced run over everything a new index that {@link #complete} publishes. A dry run
	 * creates nothing and gets where documents would go, or {@code null} when nowhere yet.
	 */
	String open(LexicalIndexParameters parameters, long jobInstanceId);

	/** Writes and removes the items' documents in {@code indexName}; one outcome per item, in order. */
	List<LexicalOutcome> write(String indexName, List<LexicalWorkItem> items);

	/** After a run completed: publishes what {@link #open} built for it, if anything. */
	void complete(LexicalIndexParameters parameters, String indexName);

	/** The back end in words, for the start banner (never a credential). */
	String describe();

}

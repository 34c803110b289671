package com.heimdex.embeddings.metrics;

/** Which coverage a job reports at the end of its run: the one {@code status} prints for what it does. */
public enum RunCoverage {

	/** {@code scene.embedding.coverage.ratio{embedding}}: CLIP and each text channel (clipBackfill, textBackfill). */
	SCENE_EMBEDDINGS,

	/** {@code scene.embedding.spec.coverage.ratio{table}}: rows at the current embedding spec (reprocess). */
	SPEC,

	/** {@code scene.embedding.lexical.coverage.ratio{target}}: scenes whose search document is current (lexicalIndex). */
	LEXICAL_INDEX

}

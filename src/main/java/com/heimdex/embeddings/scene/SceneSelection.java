package com.heimdex.embeddings.scene;

import java.util.Map;

/** The scenes a job run works on, as a SQL condition on {@code video_scenes}. */
public interface SceneSelection {

	/** Condition on {@code video_scenes} (named parameters) selecting the pending scenes. */
	String whereClause();

	/** Values of the condition's named parameters. */
	Map<String, Object> parameters();

	/** The selection in words, for the start banner. */
	String describe();

}

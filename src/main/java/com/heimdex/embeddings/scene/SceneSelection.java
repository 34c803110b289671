package com.heimdex.embeddings.scene;

import java.util.List;
import java.util.Map;

/** The scenes a job run works on, as a SQL condition on {@code video_scenes}. */
public interface SceneSelection {

	/** Condition on {@code video_scenes} (named parameters) selecting the pending scenes. */
	String whereClause();

	/**
	 * The scenes as consecutive reads, each a condition read in id order (a selection that takes
	 * some scenes after others, such as failed ones after fresh ones, has more than one).
	 */
	default List<String> passes() {
		return List.of(whereClause());
	}

	/** Values of the condition's named parameters. */
	Map<String, Object> parameters();

	/** The selection in words, for the start banner. */
	String describe();

}

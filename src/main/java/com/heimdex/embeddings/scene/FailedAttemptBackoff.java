package com.heimdex.embeddings.scene;

import java.util.List;

/**
 * When a scene whose last attempts failed is taken again by a default run: after the scenes never
 * tried (or last successful), and only once its back-off has passed since its last attempt: one
 * hour after the first failure, doubling with each further consecutive failure, at most seven
 * days. So permanent failures (a 404) cannot fill a {@code maxScenes} run day after day, and a
 * scene attempted in this run is never taken again by it: the back-off is counted back from the
 * run's start ({@code :runStartedAt}), which the reader keeps across restarts.
 *
 * @param failuresColumn the scene's consecutive failed attempts (0 after a success)
 * @param attemptedAtColumn when the scene was last attempted
 */
public record FailedAttemptBackoff(String failuresColumn, String attemptedAtColumn) {

	/** Named parameter of the run's start, to which the back-off is counted. */
	public static final String RUN_STARTED_AT = "runStartedAt";

	public static final FailedAttemptBackoff CLIP = new FailedAttemptBackoff("visual_clip_failures",
			"visual_clip_attempted_at");

	public static final FailedAttemptBackoff TEXT = new FailedAttemptBackoff("text_embedding_failures",
			"text_embedding_attempted_at");

	/** The scenes never failed, or whose back-off has passed. */
	public String eligible() {
		return "(" + this.failuresColumn + " = 0 OR " + backoffPassed() + ")";
	}

	/**
	 * The scenes of {@code condition} in the order a default run takes them: first those without a
	 * failed attempt, then the failed ones whose back-off has passed.
	 */
	public List<String> passes(String condition) {
		return List.of(condition + " AND " + this.failuresColumn + " = 0",
				condition + " AND " + this.failuresColumn + " > 0 AND " + backoffPassed());
	}

	private String backoffPassed() {
		return "(" + this.attemptedAtColumn + " IS NULL OR " + this.attemptedAtColumn + " <= CAST(:" + RUN_STARTED_AT
				+ " AS timestamptz) - least(interval '1 hour' * power(2, least(" + this.failuresColumn
				+ ", 20) - 1), interval '7 days'))";
	}

}

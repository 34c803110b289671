package com.heimdex.embeddings.lexical;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How complete the lexical index is on the back end in use.
 *
 * @param target {@code postgresql} or {@code opensearch}
 * @param scenes scenes in {@code video_scenes}
 * @param indexed scenes whose document is in the index (current or not)
 * @param current scenes whose indexed document is the one their texts make today
 * @param errors scenes whose last attempt failed
 * @param pendingRemoval documents of scenes that are gone, to be removed by the next run
 * @param errorsByCode failed scenes by error code, most frequent first
 */
public record LexicalCoverage(String target, long scenes, long indexed, long current, long errors,
		long pendingRemoval, Map<String, Long> errorsByCode) {

	public double currentPercent() {
		return (this.scenes == 0) ? 0 : 100.0 * this.current / this.scenes;
	}

	/** The lines {@code status} prints. */
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format("Lexical (%s): indexed=%d current=%d stale=%d coverage_pct=%.2f errors=%d"
				+ " pending_removal=%d", this.target, this.indexed, this.current, this.scenes - this.current,
				currentPercent(), this.errors, this.pendingRemoval));
		this.errorsByCode.forEach((code, count) -> lines.add(String.format("  %-24s %d", code, count)));
		return lines;
	}

}

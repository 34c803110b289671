package com.heimdex.embeddings.scene;

import java.util.List;

/**
 * Embedding coverage of {@code video_scenes}: the numbers of the operators' monitoring SQL.
 *
 * @param scenes all scenes
 * @param withThumbnail scenes with a thumbnail
 * @param withClip scenes with a CLIP embedding
 * @param missingClip scenes with a thumbnail and no CLIP embedding
 * @param clipErrors scenes whose last CLIP attempt recorded an error
 * @param channels text coverage per channel
 * @param errors CLIP error codes, most frequent first
 */
public record SceneCoverage(long scenes, long withThumbnail, long withClip, long missingClip, long clipErrors,
		List<TextChannelCoverage> channels, List<ErrorCount> errors) {

	/** Scenes without a thumbnail: never fetched, reported as {@code no_thumbnail}. */
	public long noThumbnail() {
		return this.scenes - this.withThumbnail;
	}

	/** CLIP coverage of scenes with a thumbnail, in percent, two decimals (0 when there are none). */
	public double clipCoveragePercent() {
		return percent(this.withClip, this.withThumbnail);
	}

	static double percent(long part, long whole) {
		return (whole == 0) ? 0 : Math.round(10000.0 * part / whole) / 100.0;
	}

	/**
	 * @param channel channel name (transcript, visual, summary)
	 * @param withText scenes that have text for it
	 * @param embedded scenes whose embedding for it is present
	 */
	public record TextChannelCoverage(String channel, long withText, long embedded) {

		public double coveragePercent() {
			return percent(this.embedded, this.withText);
		}

	}

	public record ErrorCount(String error, long count) {
	}

}

package com.heimdex.embeddings.scene;

import java.util.Arrays;
import java.util.Optional;

import com.heimdex.embeddings.hash.Sha256;

/**
 * A text channel of a scene: which text is embedded into which column. The channel's text is
 * defined once, in SQL, so that the pending predicate hashes exactly what the job embeds:
 * <ul>
 * <li>{@code transcript}: the transcript, trimmed;</li>
 * <li>{@code visual}: the visual description, trimmed, then a blank line and
 * {@code Tags: a, b, c} (tags in stored order, empty ones left out); either part alone when the
 * other is empty;</li>
 * <li>{@code summary}: the summary, trimmed.</li>
 * </ul>
 * Empty channel text is never embedded and never pending.
 */
public enum TextChannel {

	TRANSCRIPT("transcript", "embedding_transcript", trimmed("transcript")),

	VISUAL("visual", "embedding_visual", "concat_ws(E'\\n\\n', nullif(" + trimmed("visual_description")
			+ ", ''), 'Tags: ' || nullif(array_to_string(array_remove(tags, ''), ', '), ''))"),

	SUMMARY("summary", "embedding_summary", trimmed("summary"));

	/** Length of the {@code vector} columns the channels are stored in. */
	public static final int COLUMN_DIMENSIONS = 1536;

	private final String key;

	private final String embeddingColumn;

	private final String textExpression;

	TextChannel(String key, String embeddingColumn, String textExpression) {
		this.key = key;
		this.embeddingColumn = embeddingColumn;
		this.textExpression = textExpression;
	}

	/** The channel's name: its job-parameter value and its key in {@code text_embedding_metadata}. */
	public String key() {
		return this.key;
	}

	/** The {@code video_scenes} column its vector is stored in. */
	public String embeddingColumn() {
		return this.embeddingColumn;
	}

	/** SQL over a {@code video_scenes} row giving the channel's text, {@code ''} when it has none. */
	public String textExpression() {
		return this.textExpression;
	}

	/** SQL giving the lower-case hex SHA-256 of the channel's UTF-8 text, as {@link Sha256#ofText} computes it. */
	public String sha256Expression() {
		return "encode(sha256(convert_to(" + this.textExpression + ", 'UTF8')), 'hex')";
	}

	/** SQL giving this channel's entry in {@code text_embedding_metadata}. */
	public String metadataExpression() {
		return "(text_embedding_metadata -> '" + this.key + "')";
	}

	public static Optional<TextChannel> ofKey(String key) {
		return Arrays.stream(values()).filter((channel) -> channel.key.equals(key)).findFirst();
	}

	private static String trimmed(String column) {
		return "btrim(coalesce(" + column + ", ''), E' \\t\\r\\n')";
	}

}

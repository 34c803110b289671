package com.heimdex.embeddings.text;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts and cuts texts in the cl100k_base tokens that OpenAI's embedding models count, limits and
 * bill. Special-token markers such as {@code <|endoftext|>} count as ordinary text, as the API treats
 * them. Thread-safe.
 */
public final class TextTokenizer {

	private final int maxInputTokens;

	/** @param maxInputTokens texts with more tokens are cut to this many */
	public TextTokenizer(int maxInputTokens) {
		if (maxInputTokens <= 0) {
			throw new IllegalArgumentException("maxInputTokens must be positive, was " + maxInputTokens);
		}
		this.maxInputTokens = maxInputTokens;
	}

	/** Number of cl100k_base tokens in the text, uncut. */
	public int countTokens(String text) {
		return Cl100kBase.ENCODING.countTokensOrdinary(text);
	}

	/**
	 * The text as it will be sent: itself if it fits, else its first {@code maxInputTokens} tokens
	 * decoded back to text (never splitting a character).
	 */
	public TokenizedText fit(String text) {
		int originalTokens = countTokens(text);
		if (originalTokens <= maxInputTokens) {
			return new TokenizedText(text, originalTokens, originalTokens);
		}
		String cut = text;
		int tokens = originalTokens;
		int budget = maxInputTokens;
		// Re-tokenising a cut text can merge differently at the cut; shrink until the count fits.
		while (tokens > maxInputTokens) {
			EncodingResult prefix = Cl100kBase.ENCODING.encodeOrdinary(text, budget);
			cut = Cl100kBase.ENCODING.decode(prefix.getTokens());
			tokens = countTokens(cut);
			budget--;
		}
		return new TokenizedText(cut, tokens, originalTokens);
	}

	/**
	 * A text ready to send.
	 *
	 * @param text what is sent (the original or its cut prefix)
	 * @param tokens tokens of {@code text}
	 * @param originalTokens tokens of the original text
	 */
	public record TokenizedText(String text, int tokens, int originalTokens) {

		/** Whether the original text was cut to fit. */
		public boolean truncated() {
			return tokens < originalTokens;
		}

	}

	/**
	 * The vocabulary, loaded once per process when the first text is counted: it is large (a few
	 * tenths of a second to load) and an idle run counts none.
	 */
	private static final class Cl100kBase {

		static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	}

}

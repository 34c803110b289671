package com.heimdex.embeddings.text;

import org.junit.jupiter.api.Test;

import com.heimdex.embeddings.text.TextTokenizer.TokenizedText;

import static org.assertj.core.api.Assertions.assertThat;

class TextTokenizerTests {

	private final TextTokenizer tokenizer = new TextTokenizer(8191);

	@Test
	void countsCl100kTokens() {
		assertThat(tokenizer.countTokens("hello world")).isEqualTo(2);
		assertThat(tokenizer.countTokens("<|endoftext|>")).as("special markers count as text").isGreaterThan(1);
	}

	@Test
	void leavesTextsThatFitUntouched() {
		TokenizedText fitted = tokenizer.fit("a scene on the beach at sunset");

		assertThat(fitted.text()).isEqualTo("a scene on the beach at sunset");
		assertThat(fitted.truncated()).isFalse();
		assertThat(fitted.tokens()).isEqualTo(fitted.originalTokens()).isEqualTo(7);
	}

	@Test
	void cutsLongTextsTo8191TokensAndRecordsIt() {
		// given a transcript of about 12,000 tokens with multi-byte characters
		String transcript = "Die Brücke über den Fluß 🌉 wurde gestern eröffnet. ".repeat(600);
		int originalTokens = tokenizer.countTokens(transcript);

		// when
		TokenizedText fitted = tokenizer.fit(transcript);

		// then
		assertThat(originalTokens).isGreaterThan(8191);
		assertThat(fitted.truncated()).isTrue();
		assertThat(fitted.originalTokens()).isEqualTo(originalTokens);
		assertThat(fitted.tokens()).isLessThanOrEqualTo(8191).isGreaterThan(8180);
		assertThat(tokenizer.countTokens(fitted.text())).isEqualTo(fitted.tokens());
		assertThat(transcript).startsWith(fitted.text());
		assertThat(fitted.text()).doesNotContain("\uFFFD");
	}

}

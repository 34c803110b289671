package com.heimdex.embeddings.text;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.heimdex.embeddings.text.TextEmbeddingRequestPacker.PackedRequest;
import com.heimdex.embeddings.text.TextEmbeddingRequestPacker.PendingInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TextEmbeddingRequestPackerTests {

	private final TextEmbeddingRequestPacker packer = TextEmbeddingRequestPacker
		.from(TextEmbeddingTestSettings.settings());

	@Test
	void packsAtMost2048InputsPerRequest() {
		// given 5000 short inputs
		List<PendingInput> inputs = inputs(5000, 5);

		// when
		List<PackedRequest> requests = packer.pack(inputs);

		// then
		assertThat(requests).extracting(request -> request.inputs().size()).containsExactly(2048, 2048, 904);
		assertThat(requests.stream().flatMap(request -> request.inputs().stream())).containsExactlyElementsOf(inputs);
	}

	@Test
	void packsAtMost300kTokensPerRequest() {
		// given 1000 inputs of 8000 tokens
		List<PendingInput> inputs = inputs(1000, 8000);

		// when
		List<PackedRequest> requests = packer.pack(inputs);

		// then 37 inputs (296,000 tokens) fit a request, 38 would not
		assertThat(requests).allSatisfy(request -> assertThat(request.tokens()).isLessThanOrEqualTo(300_000));
		assertThat(requests.get(0).inputs()).hasSize(37);
		assertThat(requests).hasSize(28);
		assertThat(requests.stream().flatMap(request -> request.inputs().stream())).containsExactlyElementsOf(inputs);
		assertThat(requests).allSatisfy(request -> assertThat(request.tokens())
			.isEqualTo(request.inputs().stream().mapToLong(PendingInput::tokens).sum()));
	}

	@Test
	void honoursAConfiguredTokenCap() {
		TextEmbeddingRequestPacker small = TextEmbeddingRequestPacker
			.from(TextEmbeddingTestSettings.settings("max-tokens-per-request=1000"));

		List<PackedRequest> requests = small.pack(inputs(50, 300));

		assertThat(requests).hasSize(17).allSatisfy(request -> assertThat(request.inputs()).hasSizeLessThanOrEqualTo(3));
	}

	@Test
	void refusesAnInputLargerThanARequest() {
		TextEmbeddingRequestPacker small = new TextEmbeddingRequestPacker(10, 100);

		assertThatIllegalArgumentException().isThrownBy(() -> small.pack(inputs(1, 101)));
	}

	@Test
	void halvesKeepOrderAndTokens() {
		PackedRequest request = packer.pack(inputs(5, 10)).get(0);

		assertThat(request.half(true).inputs()).extracting(PendingInput::index).containsExactly(0, 1);
		assertThat(request.half(false).inputs()).extracting(PendingInput::index).containsExactly(2, 3, 4);
		assertThat(request.half(false).tokens()).isEqualTo(30);
	}

	private static List<PendingInput> inputs(int count, int tokens) {
		return IntStream.range(0, count).mapToObj(i -> new PendingInput(i, "text " + i, tokens)).toList();
	}

}

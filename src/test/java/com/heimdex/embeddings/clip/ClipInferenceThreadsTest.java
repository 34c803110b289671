package com.heimdex.embeddings.clip;

import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClipInferenceThreadsTest {

	@ParameterizedTest(name = "{0} images on {1} threads: {2}")
	@CsvSource(delimiter = ';', value = { "1; 2; 1", "3; 2; 2 1", "16; 2; 8 8", "18; 2; 5 5 4 4",
			"50; 2; 7 7 6 6 6 6 6 6", "64; 2; 8 8 8 8 8 8 8 8", "20; 1; 7 7 6", "5; 4; 2 1 1 1" })
	void splitsABatchEvenlyIntoPartsOfAtMost8AMultipleOfTheThreads(int count, int threads, String expected) {
		// given
		ClipInferenceThreads inference = new ClipInferenceThreads(threads);

		// when
		List<Integer> sizes = inference.partSizes(count);

		// then
		assertThat(sizes).containsExactlyElementsOf(
				java.util.Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList());
		inference.shutdown(1);
	}

	@Test
	void returnsThePartsVectorsInOrderWhateverOrderTheyFinishIn() {
		// given
		ClipInferenceThreads inference = new ClipInferenceThreads(2);
		Callable<float[][]> slow = () -> {
			Thread.sleep(100);
			return new float[][] { { 1 }, { 2 } };
		};
		Callable<float[][]> fast = () -> new float[][] { { 3 } };

		// when
		float[][] vectors = inference.start(List.of(slow, fast), 3, 10).await();

		// then
		assertThat(vectors).isDeepEqualTo(new float[][] { { 1 }, { 2 }, { 3 } });
		inference.shutdown(1);
	}

	@Test
	void aPartOverTheWholeCallsBudgetTimesTheCallOut() {
		// given
		ClipInferenceThreads inference = new ClipInferenceThreads(2);
		Callable<float[][]> slow = () -> {
			Thread.sleep(500);
			return new float[][] { { 1 } };
		};

		// when / then
		assertThatThrownBy(() -> inference.start(List.of(() -> new float[][] { { 0 } }, slow), 2, 0.05).await())
			.isInstanceOf(ClipTimeoutException.class)
			.hasMessageContaining("2 image(s)");
		inference.shutdown(1);
	}

}

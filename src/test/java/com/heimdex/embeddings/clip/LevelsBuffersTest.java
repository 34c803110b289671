package com.heimdex.embeddings.clip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelsBuffersTest {

	@Test
	void reusesABufferGivenBack() {
		// given
		LevelsBuffers buffers = new LevelsBuffers(4);
		byte[] first = buffers.take();

		// when
		buffers.giveBack(first);

		// then
		assertThat(first).hasSize(ClipImagePreprocessor.TENSOR_LENGTH);
		assertThat(buffers.take()).isSameAs(first);
		assertThat(buffers.take()).isNotSameAs(first).hasSize(ClipImagePreprocessor.TENSOR_LENGTH);
	}

	@Test
	void keepsNoMoreThanItWasToldTo() {
		// given
		LevelsBuffers buffers = new LevelsBuffers(2);
		byte[] first = buffers.take();
		byte[] second = buffers.take();
		byte[] third = buffers.take();

		// when
		buffers.giveBack(first);
		buffers.giveBack(second);
		buffers.giveBack(third);

		// then
		assertThat(buffers.take()).isSameAs(first);
		assertThat(buffers.take()).isSameAs(second);
		assertThat(buffers.take()).isNotSameAs(third);
	}

	@Test
	void ignoresABufferOfAnotherSize() {
		// given
		LevelsBuffers buffers = new LevelsBuffers(2);
		byte[] other = new byte[10];

		// when
		buffers.giveBack(other);

		// then
		assertThat(buffers.take()).hasSize(ClipImagePreprocessor.TENSOR_LENGTH);
	}

}

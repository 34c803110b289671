package com.heimdex.embeddings.person;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PersonQueryTest {

	@Test
	void eachPhotoWeighsTheSameWhateverItsNormAndTheMeanIsUnitLength() {
		// given: two orthogonal photo vectors of very different norms
		List<float[]> photos = List.of(new float[] { 10, 0, 0 }, new float[] { 0, 0.5f, 0 });

		// when
		float[] query = PersonQuery.of(photos);

		// then: halfway between them, unit length
		assertThat(query[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
		assertThat(query[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
		assertThat(query[2]).isZero();
	}

	@Test
	void noPhotoGivesNoQuery() {
		assertThat(PersonQuery.of(List.of())).isNull();
	}

	@Test
	void oppositePhotosGiveNoQueryRatherThanNoise() {
		assertThat(PersonQuery.of(List.of(new float[] { 1, 0 }, new float[] { -1, 0 }))).isNull();
	}

}

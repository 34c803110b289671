package com.heimdex.embeddings.thumbnail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DecodePlanTests {

	@ParameterizedTest(name = "{0}x{1} -> every {2}")
	@CsvSource({ "640, 360, 1", "2000, 2000, 1", "2001, 2000, 2", "6000, 4000, 3", "12000, 8000, 5",
			"1, 100000, 1", "300, 100000, 1", "2000, 100000, 8" })
	void subsamplesJustEnoughButNeverBelowTheKeptSize(long width, long height, int expected) {
		int subsampling = DecodePlan.subsampling(width, height, 4_000_000);

		assertThat(subsampling).isEqualTo(expected);
		assertThat(Math.min(width, height) / subsampling).isGreaterThanOrEqualTo(Math.min(Math.min(width, height), 224));
	}

	@ParameterizedTest(name = "{0}x{1}")
	@CsvSource({ "6000, 4000", "1, 100000", "100000, 1", "640, 360" })
	void theWorkFollowsTheDecodedImageNotTheResizedOne(long width, long height) {
		DecodePlan plan = DecodePlan.of(width, height, 3, true, false, 4_000_000);

		// at most the decoded pixels at 3 bytes, their conversion at 4, and the resampling's rows
		long decoded = (long) plan.width() * plan.height();
		assertThat(plan.bytes()).isLessThan(decoded * 7 + 3L * 4 * (Math.min(plan.width(), plan.height()) + 64) * 352 * 2);
	}

}

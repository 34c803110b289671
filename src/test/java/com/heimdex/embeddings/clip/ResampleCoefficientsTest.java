package com.heimdex.embeddings.clip;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResampleCoefficientsTest {

	@ParameterizedTest(name = "{0} -> {1}, outputs {2}+{3}")
	@CsvSource({ "640, 398, 87, 224", "360, 224, 0, 224", "100000, 22400000, 11199888, 224", "7, 224, 0, 224",
			"5000, 5000, 2388, 224" })
	void aWindowHasTheSameTapsAsTheWholeAxis(int in, int out, int firstOut, int count) {
		// given
		ResampleCoefficients window = ResampleCoefficients.forSizes(in, out, firstOut, count);
		ResampleCoefficients whole = (out <= 1_000_000) ? ResampleCoefficients.forSizes(in, out) : null;

		// then: every kept output reads the same inputs with the same weights
		for (int o = firstOut; o < firstOut + count; o++) {
			assertThat(window.count(o)).isPositive();
			if (whole != null) {
				assertThat(window.first(o)).isEqualTo(whole.first(o));
				assertThat(window.count(o)).isEqualTo(whole.count(o));
				for (int tap = 0; tap < window.count(o); tap++) {
					assertThat(window.weights()[window.weightsOf(o) + tap])
						.isEqualTo(whole.weights()[whole.weightsOf(o) + tap]);
				}
			}
		}
		assertThat(window.weights().length).as("taps stored for the window only")
			.isEqualTo(count * window.taps());
	}

}

package com.heimdex.embeddings.batch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunProgressTest {

	@Test
	void theLineCountsTheInstanceAndTheRateThisExecution() throws Exception {
		// given: a resume of an instance that did 100 of its scenes, with 300 left
		RunProgress progress = new RunProgress(100, 300);
		Thread.sleep(20);

		// when
		String line = progress.line(200, counts("processed", 200L, "cache_hits", 3L));

		// then
		assertThat(progress.total()).isEqualTo(400);
		assertThat(line).startsWith("Progress: 200/400 (50.0%) - processed: 200, cache hits: 3 (")
			.containsPattern("\\(\\d+\\.\\d scenes/s, ETA [0-9.]+s\\)$");
	}

	@Test
	void nothingDoneYetHasNoEtaAndAnEmptyRunIsComplete() {
		assertThat(new RunProgress(0, 10).line(0, Map.of())).endsWith("(0.0 scenes/s, ETA unknown)");
		assertThat(new RunProgress(0, 0).line(0, Map.of())).startsWith("Progress: 0/0 (100.0%)");
	}

	private static Map<String, Long> counts(String name, Long value, String otherName, Long otherValue) {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put(name, value);
		counts.put(otherName, otherValue);
		return counts;
	}

	@Test
	void durationsReadAsOperatorsReadThem() {
		assertThat(RunProgress.format(Duration.ofMillis(4200))).isEqualTo("4.2s");
		assertThat(RunProgress.format(Duration.ofSeconds(185))).isEqualTo("3m05s");
		assertThat(RunProgress.format(Duration.ofMinutes(62))).isEqualTo("1h02m");
	}

}

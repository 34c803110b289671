package com.heimdex.embeddings.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus alert rules under {@code deploy/observability}: the
 * rules pass {@code promtool check rules} (Debian's prometheus package; scripts/test.sh installs
 * it) and every query names only the job's metrics. {@code RunMetricsPushgatewayIT} checks that a
 * run pushes each of them.
 */
class ObservabilityAssetsTest {

	@Test
	void promtoolAcceptsTheAlertRules() throws Exception {
		Path output = Files.createTempFile("promtool", ".log");
		Process promtool;
		try {
			promtool = new ProcessBuilder("promtool", "check", "rules", ObservabilityQueries.ALERT_RULES.toString())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("promtool is missing: install Debian's prometheus package (scripts/test.sh does)", ex);
		}

		assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(promtool.exitValue()).as(Files.readString(output)).isZero();
		assertThat(Files.readString(output)).contains("SUCCESS");
	}

	@Test
	void promtoolRefusesABrokenRule() throws Exception {
		Path broken = Files.createTempFile("broken-rules", ".yaml");
		Files.writeString(broken, """
				groups:
				  - name: broken
				    rules:
				      - alert: Broken
				        expr: sum(scene_embedding_scenes_failed_total
				""");

		Process promtool = new ProcessBuilder("promtool", "check", "rules", broken.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();

		assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(promtool.exitValue()).isNotZero();
	}

	@Test
	void everyQueryNamesOnlyTheJobsMetrics() throws Exception {
		List<String> queries = new ArrayList<>(ObservabilityQueries.dashboardQueries());
		queries.addAll(ObservabilityQueries.alertExpressions());

		assertThat(ObservabilityQueries.dashboardQueries()).hasSizeGreaterThanOrEqualTo(8);
		assertThat(ObservabilityQueries.alertExpressions()).hasSizeGreaterThanOrEqualTo(4);
		for (String query : queries) {
			assertThat(ObservabilityQueries.unqualifiedMetricLikeNames(query)).as(query)
				.allSatisfy((name) -> assertThat(name).matches("(scene_embedding|spring_batch)_[a-z0-9_]+|by|without"));
		}
		assertThat(ObservabilityQueries.metricNames()).contains("scene_embedding_last_success_timestamp_seconds",
				"scene_embedding_scenes_failed_total", "scene_embedding_coverage_ratio", "scene_embedding_tokens_total");
	}

}

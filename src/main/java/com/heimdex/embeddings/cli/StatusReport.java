package com.heimdex.embeddings.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.List;

import com.heimdex.embeddings.batch.RecentExecutions;
import com.heimdex.embeddings.lexical.LexicalCoverageRepository;
import com.heimdex.embeddings.scene.SceneCoverage;
import com.heimdex.embeddings.scene.SceneCoverageRepository;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.spec.SpecCoverage;

import org.springframework.stereotype.Component;

/** What {@code status} prints: recent executions, then scene embedding and lexical index coverage and errors. */
@Component
class StatusReport {

	private static final int RECENT_EXECUTIONS = 15;

	private final RecentExecutions recentExecutions;

	private final SceneCoverageRepository coverageRepository;

	private final LexicalCoverageRepository lexicalCoverageRepository;

	private final EmbeddingSpecs specs;

	private final SpecCoverage specCoverage;

	StatusReport(RecentExecutions recentExecutions, SceneCoverageRepository coverageRepository,
			LexicalCoverageRepository lexicalCoverageRepository, EmbeddingSpecs specs, SpecCoverage specCoverage) {
		this.recentExecutions = recentExecutions;
		this.coverageRepository = coverageRepository;
		this.lexicalCoverageRepository = lexicalCoverageRepository;
		this.specs = specs;
		this.specCoverage = specCoverage;
	}

	void print(String jobName, PrintStream out) {
		printExecutions(jobName, out);
		out.println();
		printCoverage(this.coverageRepository.coverage(), out);
		this.lexicalCoverageRepository.coverage().lines().forEach(out::println);
		out.println();
		printSpecCoverage(out);
	}

	private void printSpecCoverage(PrintStream out) {
		EmbeddingSpec spec = this.specs.current();
		spec.describe().forEach(out::println);
		out.println("Coverage at the current spec:");
		for (SpecCoverage.TableCoverage table : this.specCoverage.coverage(spec)) {
			out.printf("  %-24s rows=%d current=%d coverage_pct=%.2f%s%n", table.table(), table.rows(), table.current(),
					table.percent(), table.note().isEmpty() ? "" : " (" + table.note() + ")");
		}
	}

	private void printExecutions(String jobName, PrintStream out) {
		List<String> rows = this.recentExecutions.list(jobName, RECENT_EXECUTIONS)
			.stream()
			.map((execution) -> String.format("%-10d %-14s %-10s %-20s %-20s %8d %8d  %s", execution.id(),
					execution.jobName(), execution.status(), time(execution.started()), time(execution.ended()),
					execution.read(), execution.written(), execution.exitCode()))
			.toList();
		out.println("Recent executions" + ((jobName != null) ? " of " + jobName : "") + ":");
		if (rows.isEmpty()) {
			out.println("  (none)");
			return;
		}
		out.println(String.format("%-10s %-14s %-10s %-20s %-20s %8s %8s  %s", "execution", "job", "status", "started",
				"ended", "read", "written", "exit"));
		rows.forEach(out::println);
	}

	private static void printCoverage(SceneCoverage coverage, PrintStream out) {
		out.println("Scenes: " + coverage.scenes() + " (with thumbnail " + coverage.withThumbnail() + ", no_thumbnail "
				+ coverage.noThumbnail() + ")");
		out.printf("CLIP: with_clip=%d missing_clip=%d coverage_pct=%.2f errors=%d%n", coverage.withClip(),
				coverage.missingClip(), coverage.clipCoveragePercent(), coverage.clipErrors());
		for (SceneCoverage.TextChannelCoverage channel : coverage.channels()) {
			out.printf("Text %-10s with_text=%d embedded=%d coverage_pct=%.2f%n", channel.channel(), channel.withText(),
					channel.embedded(), channel.coveragePercent());
		}
		out.println("CLIP error distribution:");
		if (coverage.errors().isEmpty()) {
			out.println("  (none)");
		}
		coverage.errors().forEach((error) -> out.printf("  %-24s %d%n", error.error(), error.count()));
	}

	private static String time(LocalDateTime time) {
		return (time != null) ? time.toString() : "-";
	}

}

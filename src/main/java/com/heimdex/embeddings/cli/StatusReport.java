package com.heimdex.embeddings.cli;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import com.heimdex.embeddings.lexical.LexicalCoverageRepository;
import com.heimdex.embeddings.scene.SceneCoverage;
import com.heimdex.embeddings.scene.SceneCoverageRepository;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.spec.SpecCoverage;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What {@code status} prints: recent executions, then scene embedding and lexical index coverage and errors. */
@Component
class StatusReport {

	private static final int RECENT_EXECUTIONS = 15;

	private final JdbcTemplate jdbcTemplate;

	private final SceneCoverageRepository coverageRepository;

	private final LexicalCoverageRepository lexicalCoverageRepository;

	private final EmbeddingSpecs specs;

	private final SpecCoverage specCoverage;

	StatusReport(JdbcTemplate jdbcTemplate, SceneCoverageRepository coverageRepository,
			LexicalCoverageRepository lexicalCoverageRepository, EmbeddingSpecs specs, SpecCoverage specCoverage) {
		this.jdbcTemplate = jdbcTemplate;
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
		List<Object> arguments = new ArrayList<>();
		String filter = "";
		if (jobName != null) {
			filter = "WHERE i.JOB_NAME = ?";
			arguments.add(jobName);
		}
		arguments.add(RECENT_EXECUTIONS);
		List<String> rows = this.jdbcTemplate.query("""
				SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME,
				  coalesce(sum(s.READ_COUNT), 0) AS read_count, coalesce(sum(s.WRITE_COUNT), 0) AS write_count,
				  e.EXIT_CODE
				FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				LEFT JOIN BATCH_STEP_EXECUTION s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				%s
				GROUP BY e.JOB_EXECUTION_ID, i.JOB_NAME
				ORDER BY e.JOB_EXECUTION_ID DESC
				LIMIT ?""".formatted(filter), (rs, row) -> String.format("%-10d %-14s %-10s %-20s %-20s %8d %8d  %s",
				rs.getLong(1), rs.getString(2), rs.getString(3), time(rs.getTimestamp(4)), time(rs.getTimestamp(5)),
				rs.getLong(6), rs.getLong(7), rs.getString(8)), arguments.toArray());
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

	private static String time(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime().withNano(0).toString() : "-";
	}

}

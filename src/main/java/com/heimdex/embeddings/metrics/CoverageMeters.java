package com.heimdex.embeddings.metrics;

import java.sql.Timestamp;
import java.time.ZoneId;

import com.heimdex.embeddings.lexical.LexicalCoverage;
import com.heimdex.embeddings.lexical.LexicalCoverageRepository;
import com.heimdex.embeddings.scene.SceneCoverage;
import com.heimdex.embeddings.scene.SceneCoverageRepository;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.spec.SpecCoverage;
import io.micrometer.core.instrument.Tags;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The gauges read from the database: coverage at the end of a run (what {@code status} prints: the
 * embeddings, the spec's tables, the lexical index) and when the job and partition last completed,
 * from Spring Batch's JobRepository, so a run that fails still reports the last success. Coverage
 * counts whole tables (about half a second per million scenes), so these are read only when the
 * metrics are pushed: nothing else would see the gauges.
 */
@Component
class CoverageMeters {

	private final RunMeters meters;

	private final SceneCoverageRepository coverage;

	private final SpecCoverage specCoverage;

	private final EmbeddingSpecs specs;

	private final LexicalCoverageRepository lexicalCoverage;

	private final JdbcTemplate jdbc;

	private final boolean pushed;

	/** @param pushed whether the metrics are pushed to a Pushgateway (the only way they leave the process) */
	CoverageMeters(RunMeters meters, SceneCoverageRepository coverage, SpecCoverage specCoverage, EmbeddingSpecs specs,
			LexicalCoverageRepository lexicalCoverage, JdbcTemplate jdbc,
			@Value("${management.prometheus.metrics.export.pushgateway.enabled:false}") boolean pushed) {
		this.meters = meters;
		this.coverage = coverage;
		this.specCoverage = specCoverage;
		this.specs = specs;
		this.lexicalCoverage = lexicalCoverage;
		this.jdbc = jdbc;
		this.pushed = pushed;
	}

	/** Sets the gauges of this kind of coverage, each 0 to 1, when the metrics are pushed. */
	void record(RunCoverage kind, Tags tags) {
		if (!this.pushed) {
			return;
		}
		switch (kind) {
			case SCENE_EMBEDDINGS -> recordEmbeddings(tags);
			case SPEC -> recordSpec(tags);
			case LEXICAL_INDEX -> recordLexical(tags);
		}
	}

	/** Sets {@code scene.embedding.spec.coverage.ratio} per table: rows at the current spec (1 for an empty table). */
	private void recordSpec(Tags tags) {
		for (SpecCoverage.TableCoverage table : this.specCoverage.coverage(this.specs.current())) {
			this.meters.gauge("spec.coverage.ratio", "Share of a table's rows at the current embedding spec",
					tags.and("table", table.table()), ratio(table.current(), table.rows()));
		}
	}

	/** Sets {@code scene.embedding.lexical.coverage.ratio}: scenes whose indexed document is current. */
	private void recordLexical(Tags tags) {
		LexicalCoverage now = this.lexicalCoverage.coverage();
		this.meters.gauge("lexical.coverage.ratio", "Share of scenes whose lexical index document is current",
				tags.and("target", now.target()), ratio(now.current(), now.scenes()));
	}

	/** Sets {@code scene.embedding.coverage.ratio} per embedding (clip and each text channel), 0 to 1. */
	private void recordEmbeddings(Tags tags) {
		SceneCoverage now = this.coverage.coverage();
		this.meters.gauge("coverage.ratio", "Share of scenes with input (a thumbnail, a channel's text) that have the embedding",
				tags.and("embedding", "clip"), ratio(now.withClip(), now.withThumbnail()));
		for (SceneCoverage.TextChannelCoverage channel : now.channels()) {
			this.meters.gauge("coverage.ratio",
					"Share of scenes with input (a thumbnail, a channel's text) that have the embedding",
					tags.and("embedding", channel.channel()), ratio(channel.embedded(), channel.withText()));
		}
	}

	/**
	 * Sets {@code scene.embedding.last.success.timestamp.seconds} from the last COMPLETED execution,
	 * if any, when the metrics are pushed.
	 */
	void lastSuccess(String job, String partition, Tags tags) {
		if (!this.pushed) {
			return;
		}
		Timestamp end = this.jdbc.queryForObject("""
				SELECT max(e.end_time) FROM batch_job_execution e
				JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE i.job_name = ? AND e.status = 'COMPLETED'
				  AND coalesce((SELECT p.parameter_value FROM batch_job_execution_params p
				                WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'partition'), '0') = ?""",
				Timestamp.class, job, partition);
		if (end != null) {
			// Spring Batch stores local date-times of the process that wrote them.
			this.meters.gauge("last.success.timestamp.seconds", "When this job and partition last completed", tags,
					end.toLocalDateTime().atZone(ZoneId.systemDefault()).toEpochSecond());
		}
	}

	private static double ratio(long part, long whole) {
		return (whole == 0) ? 1.0 : (double) part / whole;
	}

}

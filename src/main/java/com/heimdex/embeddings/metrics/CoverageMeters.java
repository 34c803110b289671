package com.heimdex.embeddings.metrics;

import java.sql.Timestamp;
import java.time.ZoneId;

import com.heimdex.embeddings.scene.SceneCoverage;
import com.heimdex.embeddings.scene.SceneCoverageRepository;
import io.micrometer.core.instrument.Tags;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The gauges read from the database: embedding coverage at the end of a run (what {@code status}
 * prints) and when the job and partition last completed, from Spring Batch's JobRepository, so a
 * run that fails still reports the last success.
 */
@Component
class CoverageMeters {

	private final RunMeters meters;

	private final SceneCoverageRepository coverage;

	private final JdbcTemplate jdbc;

	CoverageMeters(RunMeters meters, SceneCoverageRepository coverage, JdbcTemplate jdbc) {
		this.meters = meters;
		this.coverage = coverage;
		this.jdbc = jdbc;
	}

	/** Sets {@code scene.embedding.coverage.ratio} per embedding (clip and each text channel), 0 to 1. */
	void record(Tags tags) {
		SceneCoverage now = this.coverage.coverage();
		this.meters.gauge("coverage.ratio", "Share of scenes with input (a thumbnail, a channel's text) that have the embedding",
				tags.and("embedding", "clip"), ratio(now.withClip(), now.withThumbnail()));
		for (SceneCoverage.TextChannelCoverage channel : now.channels()) {
			this.meters.gauge("coverage.ratio",
					"Share of scenes with input (a thumbnail, a channel's text) that have the embedding",
					tags.and("embedding", channel.channel()), ratio(channel.embedded(), channel.withText()));
		}
	}

	/** Sets {@code scene.embedding.last.success.timestamp.seconds} from the last COMPLETED execution, if any. */
	void lastSuccess(String job, String partition, Tags tags) {
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

package com.heimdex.embeddings.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The most recent job executions, with the progress of those still running (status, admin server). */
@Repository
public class RecentExecutions {

	private final JdbcTemplate jdbcTemplate;

	private final JobRepository jobRepository;

	RecentExecutions(JdbcTemplate jdbcTemplate, JobRepository jobRepository) {
		this.jdbcTemplate = jdbcTemplate;
		this.jobRepository = jobRepository;
	}

	/**
	 * One execution.
	 *
	 * @param id the execution id
	 * @param jobName its job
	 * @param status its batch status
	 * @param started when it started, or {@code null}
	 * @param ended when it ended, or {@code null}
	 * @param read items read by its steps
	 * @param written items written by its steps
	 * @param exitCode its exit code
	 * @param progress how far its current step is, for a running execution; else {@code null}
	 */
	public record Execution(long id, String jobName, String status, LocalDateTime started, LocalDateTime ended,
			long read, long written, String exitCode, Progress progress) {

		public boolean running() {
			return BatchStatus.valueOf(this.status).isRunning();
		}

	}

	/**
	 * How far a running execution's current step is through the items of its job instance.
	 *
	 * @param step the step
	 * @param done items done (by the instance's executions)
	 * @param total items of the instance, or {@code null} before the step published it
	 * @param etaSeconds time left at this execution's rate, or {@code null} while unknown
	 */
	public record Progress(String step, long done, Long total, Long etaSeconds) {

		/** Percent done, or {@code null} without a total. */
		public Double percent() {
			if (this.total == null) {
				return null;
			}
			return (this.total == 0) ? 100.0 : Math.min(100.0, 100.0 * this.done / this.total);
		}

	}

	/** The {@code limit} most recent executions, of one job or ({@code null}) of all. */
	public List<Execution> list(String jobName, int limit) {
		List<Object> arguments = new ArrayList<>();
		String filter = "";
		if (jobName != null) {
			filter = "WHERE i.JOB_NAME = ?";
			arguments.add(jobName);
		}
		arguments.add(limit);
		return query(filter, arguments);
	}

	/** One execution, or {@code null}. */
	public Execution find(long executionId) {
		List<Object> arguments = new ArrayList<>(List.of(executionId, 1));
		return query("WHERE e.JOB_EXECUTION_ID = ?", arguments).stream().findFirst().orElse(null);
	}

	private List<Execution> query(String filter, List<Object> arguments) {
		return this.jdbcTemplate.query("""
				SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME,
				  coalesce(sum(s.READ_COUNT), 0) AS read_count, coalesce(sum(s.WRITE_COUNT), 0) AS write_count,
				  e.EXIT_CODE
				FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				LEFT JOIN BATCH_STEP_EXECUTION s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				%s
				GROUP BY e.JOB_EXECUTION_ID, i.JOB_NAME
				ORDER BY e.JOB_EXECUTION_ID DESC
				LIMIT ?""".formatted(filter), (rs, row) -> {
			String status = rs.getString(3);
			long id = rs.getLong(1);
			return new Execution(id, rs.getString(2), status, time(rs.getTimestamp(4)), time(rs.getTimestamp(5)),
					rs.getLong(6), rs.getLong(7), rs.getString(8),
					BatchStatus.valueOf(status).isRunning() ? progress(id) : null);
		}, arguments.toArray());
	}

	private Progress progress(long executionId) {
		JobExecution execution = this.jobRepository.getJobExecution(executionId);
		if (execution == null) {
			return null;
		}
		StepExecution step = execution.getStepExecutions()
			.stream()
			.max(Comparator.comparingLong(StepExecution::getId))
			.orElse(null);
		if (step == null) {
			return null;
		}
		ExecutionContext context = step.getExecutionContext();
		long doneAtStart = context.getLong(RunProgress.DONE_AT_START_KEY, 0);
		Long total = context.containsKey(RunProgress.TOTAL_KEY) ? context.getLong(RunProgress.TOTAL_KEY) : null;
		long done = doneAtStart + step.getReadCount();
		Long eta = null;
		if (total != null && step.getStartTime() != null && step.getReadCount() > 0 && step.getStatus().isRunning()) {
			double seconds = Math.max(0.001,
					Duration.between(step.getStartTime(), LocalDateTime.now()).toMillis() / 1000.0);
			double rate = step.getReadCount() / seconds;
			eta = Math.round(Math.max(0, total - done) / rate);
		}
		return new Progress(step.getStepName(), (total != null) ? Math.min(done, total) : done, total, eta);
	}

	private static LocalDateTime time(java.sql.Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime().withNano(0) : null;
	}

}

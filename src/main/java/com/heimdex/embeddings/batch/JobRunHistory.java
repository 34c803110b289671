package com.heimdex.embeddings.batch;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the JobRepository says about a job's earlier runs, for a launch to decide between resuming an
 * instance (its last execution FAILED or STOPPED, with the same scope) and starting a new one (the
 * next {@code run.id}).
 */
final class JobRunHistory {

	/** How many recent instances of a job are searched for one with the same scope. */
	private static final int INSTANCES_SEARCHED = 500;

	private final JobRepository jobRepository;

	private final JdbcTemplate jdbc;

	JobRunHistory(JobRepository jobRepository, JdbcTemplate jdbc) {
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
	}

	/** The last execution of the most recent instance whose identifying parameters (but {@code run.id}) are these. */
	JobExecution lastExecutionWithSameScope(String jobName, JobParameters requested) {
		Map<String, String> scope = scopeOf(requested);
		for (JobInstance instance : this.jobRepository.getJobInstances(jobName, 0, INSTANCES_SEARCHED)) {
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			if (last != null && scopeOf(last.getJobParameters()).equals(scope)) {
				return last;
			}
		}
		return null;
	}

	long nextRunId(String jobName) {
		Long max = this.jdbc.queryForObject("""
				SELECT max(p.PARAMETER_VALUE::bigint)
				FROM BATCH_JOB_EXECUTION_PARAMS p
				JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ?""", Long.class, jobName, JobDescriptor.RUN_ID);
		return (max != null) ? max + 1 : 1;
	}

	static boolean isResumable(BatchStatus status) {
		return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
	}

	static long runId(JobExecution execution) {
		Long runId = execution.getJobParameters().getLong(JobDescriptor.RUN_ID);
		return (runId != null) ? runId : -1;
	}

	private static Map<String, String> scopeOf(JobParameters parameters) {
		Map<String, String> scope = new TreeMap<>();
		for (JobParameter<?> parameter : parameters.getIdentifyingParameters()) {
			if (!parameter.name().equals(JobDescriptor.RUN_ID)) {
				scope.put(parameter.name(), String.valueOf(parameter.value()));
			}
		}
		return scope;
	}

}

package com.heimdex.embeddings.admin;

import java.util.List;

import com.heimdex.embeddings.batch.RecentExecutions;
import com.heimdex.embeddings.batch.ResumingJobLauncher;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/** Recent executions and stopping one, as {@code status} and {@code stop} do on the command line. */
@Component
@ConditionalOnWebApplication
class ExecutionControl {

	private final RecentExecutions recentExecutions;

	private final ResumingJobLauncher launcher;

	private final JobRepository jobRepository;

	ExecutionControl(RecentExecutions recentExecutions, ResumingJobLauncher launcher, JobRepository jobRepository) {
		this.recentExecutions = recentExecutions;
		this.launcher = launcher;
		this.jobRepository = jobRepository;
	}

	List<ExecutionView> recent(String jobName, int limit) {
		return this.recentExecutions.list(jobName, limit).stream().map(ExecutionView::of).toList();
	}

	ExecutionView find(long executionId) {
		existing(executionId);
		return ExecutionView.of(this.recentExecutions.find(executionId));
	}

	/**
	 * Asks a running execution (in this process or another) to stop after its current chunk.
	 * @throws UnknownResourceException when there is no such execution
	 * @throws ExecutionStateException when it is not running
	 */
	String stop(long executionId) throws Exception {
		JobExecution execution = existing(executionId);
		if (!execution.isRunning()) {
			throw new ExecutionStateException("execution " + executionId + " is not running (it is "
					+ execution.getStatus() + ")");
		}
		return this.launcher.stop(executionId);
	}

	private JobExecution existing(long executionId) {
		JobExecution execution;
		try {
			execution = this.jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			execution = null;
		}
		if (execution == null) {
			throw new UnknownResourceException("no job execution with id " + executionId);
		}
		return execution;
	}

}

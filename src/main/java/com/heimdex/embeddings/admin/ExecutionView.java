package com.heimdex.embeddings.admin;

import java.time.LocalDateTime;

import com.heimdex.embeddings.batch.RecentExecutions;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An execution as the API lists it.
 *
 * @param executionId the execution id
 * @param jobName its job
 * @param status its batch status
 * @param startTime when it started (the database's time), or {@code null}
 * @param endTime when it ended, or {@code null}
 * @param readCount items its steps read
 * @param writeCount items its steps wrote
 * @param exitCode its exit code
 * @param progress the current step's progress while it runs, else {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ExecutionView(long executionId, String jobName, String status, LocalDateTime startTime,
		LocalDateTime endTime, long readCount, long writeCount, String exitCode, Progress progress) {

	/**
	 * @param step the step running
	 * @param done items of the job instance done in it
	 * @param total its items, or {@code null} while not known yet
	 * @param percent done in percent, or {@code null}
	 * @param etaSeconds time left at this execution's rate, or {@code null} while unknown
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Progress(String step, long done, Long total, Double percent, Long etaSeconds) {
	}

	static ExecutionView of(RecentExecutions.Execution execution) {
		RecentExecutions.Progress progress = execution.progress();
		return new ExecutionView(execution.id(), execution.jobName(), execution.status(), execution.started(),
				execution.ended(), execution.read(), execution.written(), execution.exitCode(),
				(progress != null) ? new Progress(progress.step(), progress.done(), progress.total(),
						(progress.percent() != null) ? Math.round(progress.percent() * 10) / 10.0 : null,
						progress.etaSeconds()) : null);
	}

	boolean running() {
		return org.springframework.batch.core.BatchStatus.valueOf(this.status).isRunning();
	}

}

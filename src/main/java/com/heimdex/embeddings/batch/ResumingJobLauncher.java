package com.heimdex.embeddings.batch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts jobs the way operators expect of a batch CronJob:
 * <ul>
 * <li>the same request after a FAILED or STOPPED execution resumes that execution's instance at
 * its last committed chunk (new tuning values apply);</li>
 * <li>the same request after a COMPLETED run starts a new instance (a new {@code run.id});</li>
 * <li>an execution left STARTED by a process that died is recovered (marked FAILED) and
 * resumed;</li>
 * <li>while a live process runs the job, a launch is refused.</li>
 * </ul>
 */
@Component
public class ResumingJobLauncher {

	private static final Log logger = LogFactory.getLog(ResumingJobLauncher.class);

	private final Map<String, Job> jobs = new TreeMap<>();

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final DataSource dataSource;

	private final JobRunHistory history;

	private final HeldRunLocks heldLocks;

	/** The launches this process is running: what a stop request (SIGTERM) applies to. */
	private final Set<RunningLaunch> running = ConcurrentHashMap.newKeySet();

	private record RunningLaunch(String jobName, JobParameters parameters) {
	}

	ResumingJobLauncher(List<Job> jobs, JobOperator jobOperator, JobRepository jobRepository, DataSource dataSource,
			HeldRunLocks heldLocks) {
		jobs.forEach((job) -> this.jobs.put(job.getName(), job));
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.dataSource = dataSource;
		this.history = new JobRunHistory(jobRepository, new JdbcTemplate(dataSource));
		this.heldLocks = heldLocks;
	}

	/** Starts or resumes the job for these parameters and runs it to its end in this thread. */
	public JobExecution launch(String jobName, JobParameters requested) throws Exception {
		return prepare(jobName, requested).run();
	}

	/**
	 * Takes the run lock and settles what to run (a new instance, or the resumed one) now, in this
	 * thread, so that a refusal reaches the caller; the job then runs when and where
	 * {@link PreparedLaunch#run()} is called (the admin server's background threads).
	 * @throws JobAlreadyRunningException when a live process runs the job (and partition)
	 */
	public PreparedLaunch prepare(String jobName, JobParameters requested) {
		Job job = job(jobName);
		JobRunLock lock = acquire(jobName, requested);
		try {
			recoverOrphans(jobName, requested);
			JobExecution previous = this.history.lastExecutionWithSameScope(jobName, requested);
			boolean resumes = previous != null && JobRunHistory.isResumable(previous.getStatus());
			long runId = resumes ? JobRunHistory.runId(previous) : this.history.nextRunId(jobName);
			JobParameters parameters = new JobParametersBuilder(requested).addLong(JobDescriptor.RUN_ID, runId, true)
				.toJobParameters();
			if (resumes) {
				logger.info("Resuming " + jobName + " instance " + previous.getJobInstanceId() + " after execution "
						+ previous.getId() + " ended " + previous.getStatus());
			}
			return new PreparedLaunch(jobName, parameters, lock, () -> run(job, parameters, lock));
		}
		catch (RuntimeException ex) {
			lock.close();
			throw ex;
		}
	}

	/**
	 * Asks the executions this process runs to stop after their current chunk (what SIGTERM does).
	 * @return whether there was one to stop
	 */
	public boolean requestStop() {
		boolean stopping = false;
		for (RunningLaunch launch : List.copyOf(this.running)) {
			for (JobExecution execution : this.jobRepository.findRunningJobExecutions(launch.jobName())) {
				if (execution.getJobParameters().equals(launch.parameters())) {
					logger.warn("Stop requested: execution " + execution.getId() + " of " + launch.jobName()
							+ " stops after its current chunk and can be resumed");
					markStopping(execution);
					stopping = true;
				}
			}
		}
		return stopping;
	}

	/** Whether this process is running a job now. */
	public boolean isRunningAny() {
		return !this.running.isEmpty();
	}

	private JobExecution run(Job job, JobParameters parameters, JobRunLock lock) throws Exception {
		String lockName = RunPartition.lockName(job.getName(), parameters);
		RunningLaunch launch = new RunningLaunch(job.getName(), parameters);
		this.running.add(launch);
		this.heldLocks.hold(lockName, lock);
		try {
			return this.jobOperator.start(job, parameters);
		}
		finally {
			this.heldLocks.release(lockName);
			this.running.remove(launch);
		}
	}

	/** Resumes the instance of a FAILED, STOPPED or orphaned execution with its own parameters. */
	public JobExecution restart(long executionId) throws Exception {
		JobExecution execution = execution(executionId);
		String jobName = execution.getJobInstance().getJobName();
		Job job = job(jobName);
		try (JobRunLock lock = acquire(jobName, execution.getJobParameters())) {
			recoverOrphans(jobName, execution.getJobParameters());
			JobExecution last = this.jobRepository.getLastJobExecution(execution.getJobInstance());
			if (last != null && !JobRunHistory.isResumable(last.getStatus())) {
				throw new InvalidJobArgumentsException("execution " + executionId + " of " + jobName
						+ " cannot be restarted: its instance's last execution " + last.getId() + " is "
						+ last.getStatus() + "; only FAILED or STOPPED executions are restartable");
			}
			return run(job, execution.getJobParameters(), lock);
		}
	}

	/**
	 * Asks a running execution to stop after its current chunk. An execution whose process died is
	 * recovered as FAILED instead.
	 * @return a sentence saying what was done
	 */
	public String stop(long executionId) throws Exception {
		JobExecution execution = execution(executionId);
		if (!execution.isRunning()) {
			throw new InvalidJobArgumentsException("execution " + executionId + " is not running (it is "
					+ execution.getStatus() + ")");
		}
		String jobName = execution.getJobInstance().getJobName();
		JobRunLock lock = tryAcquire(jobName, execution.getJobParameters());
		if (lock != null) {
			try (lock) {
				this.jobOperator.recover(execution);
				return "execution " + executionId + " had no live process; it is now FAILED and can be restarted";
			}
		}
		markStopping(execution);
		return "execution " + executionId + " will stop after its current chunk";
	}

	/** Marks a stopped, failed or orphaned execution ABANDONED so that it is never resumed. */
	public JobExecution abandon(long executionId) throws Exception {
		JobExecution execution = execution(executionId);
		String jobName = execution.getJobInstance().getJobName();
		try (JobRunLock lock = acquire(jobName, execution.getJobParameters())) {
			recoverOrphans(jobName, execution.getJobParameters());
			return this.jobOperator.abandon(executionId);
		}
	}

	/**
	 * Marks a running execution STOPPING in the repository. Its step reads the status back after
	 * each chunk and ends STOPPED once that chunk has committed, in this process or another.
	 * ({@code JobOperator.stop} does the same and then looks up the step bean to stop tasklets,
	 * which fails for job-scoped steps outside their job.)
	 */
	private void markStopping(JobExecution execution) {
		execution.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(execution);
	}

	public boolean knowsJob(String jobName) {
		return this.jobs.containsKey(jobName);
	}

	private Job job(String jobName) {
		Job job = this.jobs.get(jobName);
		if (job == null) {
			throw new InvalidJobArgumentsException("unknown job '" + jobName + "'; jobs: "
					+ (this.jobs.isEmpty() ? "(none)" : String.join(", ", this.jobs.keySet())));
		}
		return job;
	}

	private JobExecution execution(long executionId) {
		JobExecution execution;
		try {
			execution = this.jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			execution = null;
		}
		if (execution == null) {
			throw new InvalidJobArgumentsException("no job execution with id " + executionId
					+ "; 'status' lists recent executions");
		}
		return execution;
	}

	private JobRunLock acquire(String jobName, JobParameters parameters) {
		JobRunLock lock = tryAcquire(jobName, parameters);
		if (lock == null) {
			String running = this.jobRepository.findRunningJobExecutions(jobName)
				.stream()
				.filter((execution) -> RunPartition.of(execution.getJobParameters()).overlaps(RunPartition.of(parameters)))
				.map((execution) -> "execution " + execution.getId() + " (partition "
						+ RunPartition.of(execution.getJobParameters()).describe() + ") started " + execution.getStartTime())
				.findFirst()
				.orElse("a launch in progress");
			throw new JobAlreadyRunningException(jobName + " is already running in another process over the same scenes ("
					+ running + "); wait for it, or stop it with: stop <executionId>");
		}
		return lock;
	}

	/** The lock of this job's partition, refused while any overlapping partition's lock is held. */
	private JobRunLock tryAcquire(String jobName, JobParameters parameters) {
		RunPartition partition = RunPartition.of(parameters);
		return JobRunLock.tryAcquire(this.dataSource, jobName, (int) partition.partition(), (int) partition.partitions());
	}

	/**
	 * With the run lock held no live process runs an overlapping partition (the same one, or one
	 * of another partition count): executions left running there are orphans.
	 */
	private void recoverOrphans(String jobName, JobParameters parameters) {
		for (JobExecution execution : this.jobRepository.findRunningJobExecutions(jobName)) {
			if (RunPartition.of(execution.getJobParameters()).overlaps(RunPartition.of(parameters))) {
				logger.warn("Execution " + execution.getId() + " of " + jobName + " was left " + execution.getStatus()
						+ " by a process that is gone; marking it FAILED so that it can resume");
				this.jobOperator.recover(execution);
			}
		}
	}

}

package com.heimdex.embeddings.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.PreparedLaunch;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.batch.RunSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs jobs in the admin server's own process, in the background, under the same run locks as the
 * command line and the CronJobs: the checks and the lock happen in the caller's thread (a refusal
 * is the caller's answer), the run on a thread of its own. A job's failure is logged and ends its
 * thread, never the server. On shutdown (SIGTERM) running executions are asked to stop after their
 * current chunk and waited for, so they end STOPPED and resume with the next launch.
 */
@Component
@ConditionalOnWebApplication
class BackgroundJobs implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(BackgroundJobs.class);

	private final Map<String, JobDescriptor> descriptors = new TreeMap<>();

	private final ResumingJobLauncher launcher;

	private final RunSummary runSummary;

	private final Duration stopTimeout;

	private final AtomicInteger threads = new AtomicInteger();

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "admin-job-" + this.threads.incrementAndGet());
		thread.setDaemon(false);
		return thread;
	});

	private volatile boolean running;

	/**
	 * A launch handed to a background thread.
	 *
	 * @param jobName the job
	 * @param parameters the parameters it runs with ({@code run.id} included)
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Queued(String jobName, Map<String, String> parameters) {
	}

	BackgroundJobs(List<JobDescriptor> descriptors, ResumingJobLauncher launcher, RunSummary runSummary,
			@Value("${scene-embedding-jobs.stop-timeout:50s}") Duration stopTimeout) {
		descriptors.forEach((descriptor) -> this.descriptors.put(descriptor.jobName(), descriptor));
		this.launcher = launcher;
		this.runSummary = runSummary;
		this.stopTimeout = stopTimeout;
	}

	Map<String, JobDescriptor> descriptors() {
		return this.descriptors;
	}

	JobDescriptor descriptor(String jobName) {
		JobDescriptor descriptor = this.descriptors.get(jobName);
		if (descriptor == null || !this.launcher.knowsJob(jobName)) {
			throw new UnknownResourceException("unknown job '" + jobName + "'; jobs: "
					+ String.join(", ", this.descriptors.keySet()));
		}
		return descriptor;
	}

	/**
	 * Checks the {@code name=value} words as {@code start} does, takes the run lock and runs the job
	 * (a new run, or the resumed FAILED/STOPPED one) in the background.
	 * @throws InvalidJobArgumentsException naming the parameter that is not allowed
	 * @throws com.heimdex.embeddings.batch.JobAlreadyRunningException when it runs already
	 */
	Queued start(String jobName, List<String> words) {
		if (!this.running) {
			throw new ServerStoppingException();
		}
		JobDescriptor descriptor = descriptor(jobName);
		PreparedLaunch launch = this.launcher.prepare(jobName, descriptor.toJobParameters(words));
		try {
			this.executor.execute(() -> run(launch));
		}
		catch (RuntimeException ex) {
			launch.release();
			throw ex;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		for (JobParameter<?> parameter : launch.parameters().parameters()) {
			parameters.put(parameter.name(), String.valueOf(parameter.value()));
		}
		logger.info("Admin request: " + jobName + " queued with " + parameters);
		return new Queued(jobName, parameters);
	}

	private void run(PreparedLaunch launch) {
		try {
			JobExecution execution = launch.run();
			this.runSummary.log(execution);
		}
		catch (Throwable ex) {
			logger.error(launch.jobName() + " failed to run: " + ex, ex);
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.launcher.requestStop()) {
			logger.warn("Shutting down: waiting up to " + this.stopTimeout.toSeconds()
					+ " s for running executions to stop after their current chunk");
		}
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(this.stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Executions did not stop within " + this.stopTimeout.toSeconds() + " s; exiting. They stay "
						+ "STARTED until the next launch recovers them");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops before the web server and everything else: executions need the database to stop. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}

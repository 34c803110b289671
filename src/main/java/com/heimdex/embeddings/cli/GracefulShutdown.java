package com.heimdex.embeddings.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.batch.ResumingJobLauncher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What SIGTERM (Kubernetes stopping a pod, Ctrl+C) does while a job runs: the execution is asked
 * to stop, its current chunk commits, it ends STOPPED and the process exits 1, so that the next
 * launch resumes it. Without a running job the JVM shuts down as usual.
 */
final class GracefulShutdown {

	private static final Log logger = LogFactory.getLog(GracefulShutdown.class);

	private final ResumingJobLauncher launcher;

	private final Duration timeout;

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile int exitCode = ExitCodes.FAILED;

	private final Thread hook = new Thread(this::onShutdown, "graceful-shutdown");

	GracefulShutdown(ResumingJobLauncher launcher, Duration timeout) {
		this.launcher = launcher;
		this.timeout = timeout;
	}

	void install() {
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	/** The command ended (after its application context closed): the process may end with this code. */
	void finished(int exitCode) {
		this.exitCode = exitCode;
		this.finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException shuttingDown) {
			// The hook is running: it ends the process with the exit code set above.
		}
	}

	private void onShutdown() {
		if (!this.launcher.requestStop()) {
			return;
		}
		try {
			if (this.finished.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				// The JVM is already shutting down, so System.exit would block: halt with the job's code.
				Runtime.getRuntime().halt(this.exitCode);
			}
			logger.warn("The job did not stop within " + this.timeout.toSeconds() + " s; exiting. The execution stays "
					+ "STARTED until the next launch recovers it");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

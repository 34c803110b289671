package com.heimdex.embeddings.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import com.heimdex.embeddings.SceneEmbeddingJobsApplication;
import com.heimdex.embeddings.admin.AdminToken;
import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.JobAlreadyRunningException;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.metrics.PushgatewayGrouping;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The command line: {@code start|restart|stop|abandon|status|help|serve}. Maps every outcome to the
 * documented exit code and every expected failure to one clear line on standard error.
 */
public final class CommandLine {

	private CommandLine() {
	}

	public static int run(String[] args) {
		return run(args, System.out, System.err, System.getenv());
	}

	static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
		CommandLineArguments arguments;
		Map<String, Object> defaults = new HashMap<>();
		FailureLines failures = FailureLines.of(err, environment, SecretRedaction.of(environment));
		try {
			arguments = CommandLineArguments.parse(args).withCompletionIndex(environment);
			defaults.putAll(LogFormat.from(environment).properties());
			String databaseUrl = environment.get("DATABASE_URL");
			if (databaseUrl != null && !databaseUrl.isBlank()) {
				defaults.putAll(DatabaseUrl.toDataSourceProperties(databaseUrl));
			}
		}
		catch (InvalidJobArgumentsException | IllegalArgumentException ex) {
			failures.print("error: " + ex.getMessage());
			failures.usage();
			return ExitCodes.INVALID;
		}
		boolean serve = arguments.command().equals("serve");
		defaults.put("scene-embedding-jobs.migrate-on-startup", String.valueOf(serve));
		defaults.putAll(serve ? AdminServerSettings.defaults() : AdminServerSettings.excludedFromOtherCommands());
		defaults.putAll(PushgatewayGrouping.defaults(arguments.command(), arguments.jobName(), arguments.parameters()));
		AtomicReference<ConfigurableEnvironment> environmentSeen = new AtomicReference<>();
		CountDownLatch closed = new CountDownLatch(1);
		GracefulShutdown shutdown = null;
		int exitCode;
		// Only serve is a web application: every other command starts no server and pays nothing for it.
		// A command creates only the beans it uses (settings and exporters stay eager: EagerBeans).
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SceneEmbeddingJobsApplication.class)
			.web(serve ? WebApplicationType.SERVLET : WebApplicationType.NONE)
			.lazyInitialization(!serve)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(serve)
			.properties(defaults)
			.initializers((applicationContext) -> {
				environmentSeen.set(applicationContext.getEnvironment());
				if (serve) {
					// Before anything touches the database or a port: never an open admin server.
					AdminToken.of(applicationContext.getEnvironment().getProperty("admin.token"));
				}
				else {
					AdminServerSettings.leaveOutOfScan(applicationContext);
				}
			})
			.listeners((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof ContextClosedEvent) {
					closed.countDown();
				}
			})
			.run()) {
			if (serve) {
				// Runs until SIGTERM closes the context; its jobs stop first (admin.BackgroundJobs).
				closed.await();
				return ExitCodes.COMPLETED;
			}
			if (arguments.runsJob()) {
				shutdown = new GracefulShutdown(context.getBean(ResumingJobLauncher.class), context.getEnvironment()
					.getProperty("scene-embedding-jobs.stop-timeout", Duration.class, Duration.ofSeconds(50)));
				shutdown.install();
			}
			exitCode = context.getBean(CommandDispatcher.class).execute(arguments, out);
		}
		catch (Throwable ex) {
			exitCode = explain(ex, environmentSeen.get(), failures);
		}
		if (shutdown != null) {
			shutdown.finished(exitCode);
		}
		return exitCode;
	}

	private static int explain(Throwable failure, ConfigurableEnvironment environment, FailureLines failures) {
		InvalidJobArgumentsException invalid = find(failure, InvalidJobArgumentsException.class);
		if (invalid != null) {
			failures.print("error: " + invalid.getMessage());
			return ExitCodes.INVALID;
		}
		JobAlreadyRunningException running = find(failure, JobAlreadyRunningException.class);
		if (running != null) {
			failures.print("refused: " + running.getMessage());
			return ExitCodes.ALREADY_RUNNING;
		}
		String settingsProblem = SettingsFailures.describe(failure);
		if (settingsProblem != null) {
			failures.print("error: " + settingsProblem);
			return ExitCodes.INVALID;
		}
		String databaseProblem = DatabaseFailures.describe(failure, environment);
		if (databaseProblem != null) {
			failures.print("error: " + databaseProblem);
			return ExitCodes.FAILED;
		}
		failures.print("error: " + failure, failure);
		return ExitCodes.FAILED;
	}

	static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}

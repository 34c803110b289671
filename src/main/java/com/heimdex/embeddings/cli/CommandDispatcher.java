package com.heimdex.embeddings.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.heimdex.embeddings.batch.DatabaseMigrator;
import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.batch.RunSummary;
import com.heimdex.embeddings.batch.StructuredLog;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.flywaydb.core.api.output.MigrateResult;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Carries out one command line: checks arguments, migrates the database, runs the command. */
@Component
class CommandDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(CommandDispatcher.class);

	private final Map<String, JobDescriptor> descriptors = new TreeMap<>();

	private final ObjectProvider<ResumingJobLauncher> launcher;

	private final DatabaseMigrator migrator;

	private final ObjectProvider<StatusReport> statusReport;

	private final ObjectProvider<RunSummary> runSummary;

	private final StructuredLog structuredLog;

	private final EmbeddingSpecs specs;

	/** The launcher, the status report and the run summary are created only by the commands that use them. */
	CommandDispatcher(List<JobDescriptor> descriptors, ObjectProvider<ResumingJobLauncher> launcher,
			DatabaseMigrator migrator, ObjectProvider<StatusReport> statusReport, ObjectProvider<RunSummary> runSummary,
			StructuredLog structuredLog, EmbeddingSpecs specs) {
		descriptors.forEach((descriptor) -> this.descriptors.put(descriptor.jobName(), descriptor));
		this.launcher = launcher;
		this.migrator = migrator;
		this.statusReport = statusReport;
		this.runSummary = runSummary;
		this.structuredLog = structuredLog;
		this.specs = specs;
	}

	int execute(CommandLineArguments arguments, PrintStream out) throws Exception {
		switch (arguments.command()) {
			case "help" -> {
				out.println(CommandLineArguments.USAGE);
				out.println("jobs:");
				this.descriptors.values().forEach((descriptor) -> describe(descriptor, out));
				out.println();
				this.specs.current().describe().forEach(out::println);
				return ExitCodes.COMPLETED;
			}
			case "start" -> {
				JobDescriptor descriptor = descriptor(arguments.jobName());
				JobParameters parameters = descriptor.toJobParameters(arguments.parameters());
				this.migrator.migrate();
				return exitCode(this.launcher.getObject().launch(descriptor.jobName(), parameters), out);
			}
			case "restart" -> {
				this.migrator.migrate();
				return exitCode(this.launcher.getObject().restart(arguments.executionId()), out);
			}
			case "stop" -> {
				this.migrator.migrate();
				out.println(this.launcher.getObject().stop(arguments.executionId()));
				return ExitCodes.COMPLETED;
			}
			case "abandon" -> {
				this.migrator.migrate();
				JobExecution execution = this.launcher.getObject().abandon(arguments.executionId());
				out.println("execution " + execution.getId() + " is " + execution.getStatus());
				return ExitCodes.COMPLETED;
			}
			case "status" -> {
				if (arguments.jobName() != null) {
					descriptor(arguments.jobName());
				}
				this.migrator.migrate();
				this.statusReport.getObject().print(arguments.jobName(), out);
				return ExitCodes.COMPLETED;
			}
			case "migrate" -> {
				MigrateResult result = this.migrator.migrateNow();
				out.println("database schema at version " + this.migrator.schemaVersion() + " ("
						+ result.migrationsExecuted + " migration(s) applied now)");
				return ExitCodes.COMPLETED;
			}
			default -> throw new IllegalStateException("unhandled command " + arguments.command());
		}
	}

	private JobDescriptor descriptor(String jobName) {
		JobDescriptor descriptor = this.descriptors.get(jobName);
		if (descriptor == null || !this.launcher.getObject().knowsJob(jobName)) {
			throw new InvalidJobArgumentsException("unknown job '" + jobName + "'; jobs: "
					+ (this.descriptors.isEmpty() ? "(none)" : String.join(", ", this.descriptors.keySet())));
		}
		return descriptor;
	}

	private int exitCode(JobExecution execution, PrintStream out) {
		this.runSummary.getObject().log(execution);
		String outcome = execution.getJobInstance().getJobName() + " execution " + execution.getId() + " "
				+ execution.getStatus() + " (exit " + execution.getExitStatus().getExitCode() + ")";
		if (this.structuredLog.structured()) {
			// every line of a JSON run is a log event
			logger.info(outcome);
		}
		else {
			out.println(outcome);
		}
		return (execution.getStatus() == BatchStatus.COMPLETED) ? ExitCodes.COMPLETED : ExitCodes.FAILED;
	}

	private static void describe(JobDescriptor descriptor, PrintStream out) {
		out.println("  " + descriptor.jobName() + ": " + descriptor.summary());
		descriptor.options()
			.forEach((option) -> out.printf("    %-18s %s (default: %s)%n", option.name(), option.description(),
					(option.defaultValue() != null) ? option.defaultValue() : "unset"));
	}

}

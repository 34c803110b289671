package com.heimdex.embeddings.cli;

import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.PartitionOptions;

/**
 * The words of the command line, checked for shape before anything starts.
 *
 * @param command start, restart, stop, abandon, status, migrate, serve or help
 * @param jobName the job of {@code start} and (optionally) {@code status}
 * @param executionId the execution of {@code restart}, {@code stop} and {@code abandon}
 * @param parameters the {@code name=value} words of {@code start}
 */
record CommandLineArguments(String command, String jobName, Long executionId, List<String> parameters) {

	static final String USAGE = """
			usage: java -jar scene-embedding-jobs.jar <command>
			  start <jobName> [name=value ...]   start a job, or resume its last FAILED/STOPPED execution
			  restart <executionId>              resume a FAILED or STOPPED execution at its last committed chunk
			  stop <executionId>                 ask a running execution to stop after its current chunk
			  abandon <executionId>              mark a FAILED or STOPPED execution as never to be resumed
			  status [jobName]                   recent executions and embedding coverage
			  migrate                            apply the database migrations of this release, then exit
			  serve                              the admin API and page (ADMIN_TOKEN required, port ADMIN_PORT, 8080)
			  help                               this list, every job's parameters with defaults, the embedding spec
			exit codes: 0 completed, 1 failed or stopped (restartable), 2 invalid arguments or settings,
			            3 the same job is already running over the same scenes,
			            137 killed (out of memory, or SIGKILL): resume with the same command""";

	/** Whether the command runs a job execution in this process ({@code start}, {@code restart}). */
	boolean runsJob() {
		return this.command.equals("start") || this.command.equals("restart");
	}

	/** For {@code start} in a pod of an Indexed Job: its index is the partition unless one is given. */
	CommandLineArguments withCompletionIndex(Map<String, String> environment) {
		if (!this.command.equals("start")) {
			return this;
		}
		return new CommandLineArguments(this.command, this.jobName, this.executionId,
				PartitionOptions.withCompletionIndex(this.parameters, environment));
	}

	static CommandLineArguments parse(String[] args) {
		if (args.length == 0) {
			throw new InvalidJobArgumentsException("no command given");
		}
		String command = args[0];
		List<String> rest = List.of(args).subList(1, args.length);
		return switch (command) {
			case "start" -> {
				if (rest.isEmpty()) {
					throw new InvalidJobArgumentsException("start needs a job name: start <jobName> [name=value ...]");
				}
				yield new CommandLineArguments(command, rest.get(0), null, rest.subList(1, rest.size()));
			}
			case "restart", "stop", "abandon" -> {
				if (rest.size() != 1) {
					throw new InvalidJobArgumentsException(command + " needs exactly one execution id: " + command
							+ " <executionId>");
				}
				yield new CommandLineArguments(command, null, executionId(command, rest.get(0)), List.of());
			}
			case "status" -> {
				if (rest.size() > 1) {
					throw new InvalidJobArgumentsException("status takes at most a job name: status [jobName]");
				}
				yield new CommandLineArguments(command, rest.isEmpty() ? null : rest.get(0), null, List.of());
			}
			case "migrate" -> {
				if (!rest.isEmpty()) {
					throw new InvalidJobArgumentsException("migrate takes no arguments");
				}
				yield new CommandLineArguments(command, null, null, List.of());
			}
			case "serve" -> {
				if (!rest.isEmpty()) {
					throw new InvalidJobArgumentsException("serve takes no arguments; its settings are ADMIN_TOKEN and "
							+ "ADMIN_PORT");
				}
				yield new CommandLineArguments(command, null, null, List.of());
			}
			case "help", "--help", "-h" -> new CommandLineArguments("help", null, null, List.of());
			default -> throw new InvalidJobArgumentsException("unknown command '" + command
					+ "'; commands: start, restart, stop, abandon, status, migrate, serve, help");
		};
	}

	private static long executionId(String command, String text) {
		try {
			long id = Long.parseLong(text);
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidJobArgumentsException(command + ": '" + text
				+ "' is not an execution id (a whole number >= 1, as 'status' lists)");
	}

}

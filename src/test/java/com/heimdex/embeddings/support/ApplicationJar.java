package com.heimdex.embeddings.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar run as a process of its own, as operators and the image run it: {@code java
 * [options] -jar target/scene-embedding-jobs.jar <command> ...} against a test database, each run's
 * output in a log file of its own.
 */
public final class ApplicationJar {

	private final Path logs;

	private final List<String> jvmOptions;

	private final Map<String, String> environment;

	private ApplicationJar(Path logs, List<String> jvmOptions, Map<String, String> environment) {
		this.logs = logs;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.environment = Map.copyOf(environment);
	}

	/**
	 * Extracts the built jar into {@code destination} as the image holds it (the application jar
	 * beside its libraries in {@code lib/}) and returns the application jar.
	 */
	public static Path extract(Path destination) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Djarmode=tools",
				"-jar", builtJar(), "extract", "--destination", destination.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException("extracting " + builtJar() + " into " + destination + " failed");
		}
		return destination.resolve(Path.of(builtJar()).getFileName());
	}

	/** Runs against this database ({@code DATABASE_URL}), logs in {@code logs}. */
	public static ApplicationJar of(TestDatabase database, Path logs) {
		return new ApplicationJar(logs, List.of(), Map.of("DATABASE_URL", database.libpqUrl()));
	}

	/** The same with these JVM options before {@code -jar} (e.g. {@code @deploy/jvm.options}). */
	public ApplicationJar withJvmOptions(String... options) {
		List<String> all = new ArrayList<>(this.jvmOptions);
		all.addAll(List.of(options));
		return new ApplicationJar(this.logs, all, this.environment);
	}

	/** The same with these environment variables added. */
	public ApplicationJar withEnvironment(Map<String, String> variables) {
		Map<String, String> all = new LinkedHashMap<>(this.environment);
		all.putAll(variables);
		return new ApplicationJar(this.logs, this.jvmOptions, all);
	}

	/** Starts {@code args} (a command and its words); the log is named after the command. */
	public Process start(String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(this.jvmOptions);
		command.add("-jar");
		command.add(builtJar());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("SPRING_DATASOURCE_URL");
		builder.environment().putAll(this.environment);
		File log = this.logs.resolve(args[0] + "-" + System.nanoTime() + ".log").toFile();
		return builder.redirectErrorStream(true).redirectOutput(log).start();
	}

	private static String builtJar() {
		return System.getProperty("application.jar", "target/scene-embedding-jobs.jar");
	}

}

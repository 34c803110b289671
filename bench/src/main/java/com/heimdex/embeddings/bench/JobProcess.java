package com.heimdex.embeddings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar run as operators run it ({@code java -jar ... start clipBackfill ...}), with its
 * peak resident set size read from {@code /proc/<pid>/status} (VmHWM) while it runs.
 */
final class JobProcess {

	private final Path jar;

	private final Path logDirectory;

	JobProcess(Path jar, Path logDirectory) {
		this.jar = jar;
		this.logDirectory = logDirectory;
	}

	/** How one run of the jar went. */
	record Outcome(int exitCode, double wallSeconds, long peakRssBytes, Path log) {
	}

	/** Runs the jar with {@code arguments} and {@code environment} added; waits up to an hour. */
	Outcome run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-jar");
		command.add(this.jar.toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("SPRING_DATASOURCE_URL");
		builder.environment().putAll(environment);
		Path log = this.logDirectory.resolve(String.join("-", arguments).replaceAll("[^A-Za-z0-9=.-]", "_") + "-"
				+ System.nanoTime() + ".log");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		long start = System.nanoTime();
		Process process = builder.start();
		Path status = Path.of("/proc", Long.toString(process.pid()), "status");
		long peak = 0;
		while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
			peak = Math.max(peak, highWaterMark(status));
			if (System.nanoTime() - start > TimeUnit.HOURS.toNanos(1)) {
				process.destroyForcibly();
			}
		}
		return new Outcome(process.exitValue(), (System.nanoTime() - start) / 1e9, peak, log);
	}

	/** VmHWM in bytes, 0 when the process is gone or the file is not there (not Linux). */
	private static long highWaterMark(Path status) {
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process has just exited
		}
		return 0;
	}

}

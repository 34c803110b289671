package com.heimdex.embeddings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar run as the container image runs it ({@code java @deploy/jvm.options -jar ...
 * start clipBackfill ...}) in a container with the CronJob's memory limit, with its peak resident
 * set size read from {@code /proc/<pid>/status} (VmHWM) while it runs.
 */
final class JobProcess {

	/** The image's JVM options. */
	static final Path JVM_OPTIONS = Path.of("deploy/jvm.options");

	/**
	 * The clipBackfill CronJob's memory limit (deploy/k8s), which the JVM sizes its heap from in a
	 * container; given here as {@code MaxRAM}, since the bench runs no container.
	 */
	static final String MEMORY_LIMIT = "1g";

	private final Path jar;

	private final Path logDirectory;

	private final List<String> jvmOptions;

	JobProcess(Path jar, Path logDirectory) {
		this(jar, logDirectory, List.of());
	}

	/** @param jvmOptions added after deploy/jvm.options (the image's class-data sharing archive) */
	JobProcess(Path jar, Path logDirectory, List<String> jvmOptions) {
		this.jar = jar;
		this.logDirectory = logDirectory;
		this.jvmOptions = jvmOptions;
	}

	/** How one run of the jar went. */
	record Outcome(int exitCode, double wallSeconds, long peakRssBytes, Path log) {
	}

	/** Runs the jar with {@code arguments} and {@code environment} added; waits up to an hour. */
	Outcome run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("@" + JVM_OPTIONS);
		command.add("-XX:MaxRAM=" + MEMORY_LIMIT);
		command.addAll(this.jvmOptions);
		command.addAll(extraJavaOptions());
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
		// VmHWM is the kernel's high-water mark, so polling it now and then loses no peak; often
		// would take CPU from the job
		while (!process.waitFor(250, TimeUnit.MILLISECONDS)) {
			peak = Math.max(peak, highWaterMark(status));
			if (System.nanoTime() - start > TimeUnit.HOURS.toNanos(1)) {
				process.destroyForcibly();
			}
		}
		return new Outcome(process.exitValue(), (System.nanoTime() - start) / 1e9, peak, log);
	}

	/**
	 * JVM options given to every job the bench runs, from {@code BENCH_JOB_JAVA_OPTIONS} (for
	 * example a profiler's agent), separated by spaces; the bench's own JVM does not get them.
	 */
	private static List<String> extraJavaOptions() {
		String options = System.getenv("BENCH_JOB_JAVA_OPTIONS");
		return (options == null || options.isBlank()) ? List.of() : List.of(options.trim().split("\\s+"));
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

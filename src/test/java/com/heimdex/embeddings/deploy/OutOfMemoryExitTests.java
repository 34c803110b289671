package com.heimdex.embeddings.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running out of heap under the deployed JVM options ends the process with 137, never with the
 * command line's own codes (3 is "already running"), also in a container where the entrypoint is
 * PID 1.
 */
class OutOfMemoryExitTests {

	/** 128 + SIGKILL: what jobs.md documents for a process out of memory. */
	private static final int OUT_OF_MEMORY = 137;

	private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	@TempDir
	Path appHome;

	@Test
	void aJvmOutOfHeapExitsWith137() throws Exception {
		int exit = run(List.of(JAVA, "@deploy/jvm.options", "-Xmx32m", "-cp", System.getProperty("java.class.path"),
				HeapExhaustion.class.getName()), List.of());

		assertThat(exit).isEqualTo(OUT_OF_MEMORY);
	}

	@Test
	void theContainerEntrypointExitsWith137WhenItsJvmRunsOutOfHeap() throws Exception {
		// given: the image's layout, with a jar that runs out of heap and the deployed options plus a small heap
		Files.writeString(this.appHome.resolve("jvm.options"),
				Files.readString(Path.of("deploy/jvm.options")) + "\n-Xmx32m\n");
		writeJar(this.appHome.resolve("scene-embedding-jobs.jar"));
		List<String> entrypoint = List.of("sh", Path.of("deploy/docker-entrypoint.sh").toAbsolutePath().toString());

		// when: the entrypoint runs as PID 1 of its own PID namespace, as in a container (where the
		// machine allows it), else as an ordinary process
		List<String> command = new ArrayList<>();
		if (canUnsharePidNamespace()) {
			command.addAll(List.of("unshare", "--pid", "--fork", "--mount-proc"));
		}
		command.addAll(entrypoint);
		int exit = run(command, List.of("APP_HOME=" + this.appHome));

		assertThat(exit).isEqualTo(OUT_OF_MEMORY);
	}

	private int run(List<String> command, List<String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.appHome.resolve("output.log").toFile());
		environment.forEach((pair) -> builder.environment().put(pair.substring(0, pair.indexOf('=')),
				pair.substring(pair.indexOf('=') + 1)));
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process ended").isTrue();
		return process.exitValue();
	}

	private static boolean canUnsharePidNamespace() throws Exception {
		try {
			Process probe = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void writeJar(Path jar) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HeapExhaustion.class.getName());
		String entry = HeapExhaustion.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
			out.putNextEntry(new JarEntry(entry));
			try (var classFile = HeapExhaustion.class.getClassLoader().getResourceAsStream(entry)) {
				classFile.transferTo(out);
			}
			out.closeEntry();
		}
	}

}

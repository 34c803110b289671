package com.heimdex.embeddings.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile's build stage, carried out without Docker: exactly what its {@code COPY} lines
 * name is copied into an empty folder, and its {@code RUN} lines run there. The Maven commands
 * run offline against the local Maven repository (the one this build resolved into), which keeps
 * the test quick and free of the network; {@code dependency:go-offline} only fills that cache, so
 * it is not run. Then every path the runtime stage copies from the build stage must exist.
 */
class DockerfileBuildStageIT {

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	@TempDir
	Path context;

	@Test
	void theBuildStageBuildsFromWhatItCopiesAndProducesTheLayersTheRuntimeStageCopies() throws Exception {
		// given: the build stage's instructions and an empty folder holding only what they copy
		List<String> buildStage = stage(instructions(), "build");
		for (String instruction : buildStage) {
			if (instruction.startsWith("COPY ")) {
				copy(words(instruction));
			}
		}

		// when: its RUN lines run there
		for (String instruction : buildStage) {
			if (instruction.startsWith("RUN ") && !instruction.contains("dependency:go-offline")) {
				run(instruction);
			}
		}

		// then: the jar is built and extracted into the layers the runtime stage copies, beside
		// ONNX Runtime's native libraries
		assertThat(this.context.resolve("target/extracted/application/scene-embedding-jobs.jar")).isRegularFile();
		try (Stream<Path> libraries = Files.list(this.context.resolve("target/extracted/dependencies/lib"))) {
			assertThat(libraries.map((path) -> path.getFileName().toString()))
				.anyMatch((name) -> name.startsWith("spring-batch-core"))
				.anyMatch((name) -> name.startsWith("onnxruntime"));
		}
		List<String> copiedFromBuild = instructions().stream()
			.filter((instruction) -> instruction.startsWith("COPY --from=build "))
			.toList();
		assertThat(copiedFromBuild).hasSize(5);
		assertThat(this.context.resolve("target/onnxruntime-native/libonnxruntime.so")).isRegularFile();
		assertThat(this.context.resolve("target/onnxruntime-native/libonnxruntime4j_jni.so")).isRegularFile();
		for (String instruction : copiedFromBuild) {
			String source = words(instruction).get(2);
			assertThat(this.context.resolve(source.substring("/src/".length()))).as(instruction).isDirectory();
		}
	}

	@Test
	void everyFileTheRuntimeStageCopiesFromTheContextExists() throws IOException {
		List<String> fromContext = instructions().stream()
			.filter((instruction) -> instruction.startsWith("COPY ") && !instruction.contains("--from="))
			.toList();

		assertThat(fromContext).isNotEmpty();
		for (String instruction : fromContext) {
			List<String> sources = sources(words(instruction));
			assertThat(sources).allSatisfy((source) -> assertThat(Path.of(source)).as(instruction).exists());
		}
	}

	/** {@code COPY [--flag ...] source ... destination}, the destination relative to WORKDIR /src. */
	private void copy(List<String> words) throws IOException {
		String destination = words.get(words.size() - 1);
		for (String source : sources(words)) {
			Path from = Path.of(source);
			Path to = destination.endsWith("/") && !Files.isDirectory(from)
					? this.context.resolve(destination).resolve(from.getFileName().toString())
					: this.context.resolve(destination);
			copyTree(from, to);
		}
	}

	private static List<String> sources(List<String> words) {
		List<String> operands = words.subList(1, words.size()).stream().filter((word) -> !word.startsWith("--")).toList();
		return operands.subList(0, operands.size() - 1);
	}

	private static void copyTree(Path from, Path to) throws IOException {
		if (!Files.isDirectory(from)) {
			Files.createDirectories(to.getParent());
			Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
			return;
		}
		try (Stream<Path> tree = Files.walk(from)) {
			for (Path path : tree.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	private void run(String instruction) throws Exception {
		String command = instruction.substring("RUN ".length()).replaceAll("--mount=\\S+\\s+", "")
			.replace("./mvnw ", "./mvnw -o " + localRepository());
		List<String> shell = List.of("sh", "-c", command);
		ProcessBuilder builder = new ProcessBuilder(shell).directory(this.context.toFile()).redirectErrorStream(true);
		builder.environment().remove("MAVEN_PROJECTBASEDIR");
		builder.environment().remove("MAVEN_OPTS");
		Path log = this.context.resolve("run-" + System.nanoTime() + ".log");
		Process process = builder.redirectOutput(log.toFile()).start();

		assertThat(process.waitFor(8, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
		assertThat(process.exitValue()).as("exit code of %s; output:%n%s", command, Files.readString(log)).isZero();
	}

	private static String localRepository() {
		String repository = System.getProperty("maven.repo.local", "");
		return repository.isBlank() ? "" : "-Dmaven.repo.local=" + repository + " ";
	}

	/** The instructions of the stage named {@code name}: from its FROM line to the next. */
	private static List<String> stage(List<String> instructions, String name) {
		List<String> stage = new ArrayList<>();
		boolean inStage = false;
		for (String instruction : instructions) {
			if (instruction.startsWith("FROM ")) {
				inStage = instruction.endsWith(" AS " + name);
			}
			else if (inStage) {
				stage.add(instruction);
			}
		}
		assertThat(stage).as("stage %s", name).isNotEmpty();
		return stage;
	}

	/** The Dockerfile's instructions, continuation lines joined, comments left out. */
	private static List<String> instructions() throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : Files.readAllLines(DOCKERFILE)) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			instructions.add(current.append(trimmed).toString());
			current.setLength(0);
		}
		return instructions;
	}

	private static List<String> words(String instruction) {
		return Arrays.asList(instruction.trim().split("\\s+"));
	}

}

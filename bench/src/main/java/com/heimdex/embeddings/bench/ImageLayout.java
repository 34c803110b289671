package com.heimdex.embeddings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The jar as the container image runs it: extracted (the application jar beside its libraries in
 * {@code lib/}) with the class-data sharing archive the image build writes ({@code
 * deploy/cds-archive.sh}) and ONNX Runtime's native libraries taken out of its jar ({@code
 * deploy/onnxruntime-native.sh}), prepared in a directory of its own.
 *
 * @param jar the extracted application jar
 * @param jvmOptions what the image's jvm.options adds to deploy/jvm.options
 */
record ImageLayout(Path jar, List<String> jvmOptions) {

	static ImageLayout prepare(Path builtJar, Path directory) throws IOException, InterruptedException {
		Path extracted = directory.resolve("extracted");
		run(directory, List.of(java(), "-Djarmode=tools", "-jar", builtJar.toAbsolutePath().toString(), "extract",
				"--force", "--destination", extracted.toString()));
		Path jar = extracted.resolve(builtJar.getFileName());
		Path archive = directory.resolve("application.jsa");
		Files.deleteIfExists(archive);
		run(directory, List.of("sh", Path.of("deploy/cds-archive.sh").toString(), jar.toString(), archive.toString(),
				JobProcess.JVM_OPTIONS.toString()));
		Path onnxRuntime = directory.resolve("onnxruntime");
		run(directory, List.of("sh", Path.of("deploy/onnxruntime-native.sh").toString(),
				extracted.resolve("lib").toString(), onnxRuntime.toString()));
		return new ImageLayout(jar, List.of("-XX:SharedArchiveFile=" + archive,
				"-Donnxruntime.native.path=" + onnxRuntime.toAbsolutePath()));
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
		Path log = directory.resolve("image-layout.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException(command + " exited with " + process.exitValue() + ": "
					+ Files.readString(log));
		}
	}

}

package com.heimdex.embeddings.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The OpenSearch server the lexical-index tests run against, one per test JVM: Testcontainers'
 * {@code opensearchproject/opensearch} image when Docker answers; otherwise a single node from
 * OpenSearch's Maven Central artifacts in a child JVM ({@code src/test/opensearch-node}: its
 * classpath resolved by Maven from the pom there, apart from the application's dependencies, and
 * {@code OpenSearchTestNode.java} run in source-file mode). The child ends with this JVM.
 */
public final class OpenSearchTestServer {

	private static final String IMAGE = "opensearchproject/opensearch:2.19.3";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static String url;

	private OpenSearchTestServer() {
	}

	/** The server's base URL ({@code http://127.0.0.1:port}), starting it on first use. */
	public static synchronized String url() {
		if (url == null) {
			url = dockerAnswers() ? fromContainer() : fromChildJvm();
		}
		return url;
	}

	/** Sends a request with a JSON body (or none) and returns the answer's body; fails on a status >= 300. */
	public static String request(String method, String path, String json) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
				.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
						: HttpRequest.BodyPublishers.noBody())
				.header("Content-Type", "application/json")
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient().send(request,
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
						+ response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@SuppressWarnings("resource")
	private static String fromContainer() {
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(9200)
			.withEnv("discovery.type", "single-node")
			.withEnv("DISABLE_SECURITY_PLUGIN", "true")
			.withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
			.withEnv("OPENSEARCH_JAVA_OPTS", "-Xms256m -Xmx512m")
			.waitingFor(Wait.forHttp("/_cluster/health").forStatusCode(200))
			.withStartupTimeout(START_TIMEOUT);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return "http://" + container.getHost() + ":" + container.getMappedPort(9200);
	}

	private static String fromChildJvm() {
		Path nodeDirectory = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test",
				"opensearch-node");
		try {
			Path home = Files.createTempDirectory("opensearch-test-node");
			Path log = Files.createTempFile("opensearch-test-node", ".log");
			List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms256m", "-Xmx512m",
					"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath(nodeDirectory),
					nodeDirectory.resolve("OpenSearchTestNode.java").toString(), home.toString()));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(process, log));
			try {
				return "http://127.0.0.1:" + port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				process.destroyForcibly();
				throw new IllegalStateException("the OpenSearch test node did not start; its output is in " + log, ex);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads the node's output into {@code log} (on and on, so it never blocks) and returns its HTTP port. */
	private static int readPort(Process process, Path log) {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		try {
			String line;
			while ((line = output.readLine()) != null) {
				Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.APPEND);
				if (line.startsWith("http=")) {
					int port = Integer.parseInt(line.substring("http=".length()).trim());
					Thread drain = new Thread(() -> drain(output));
					drain.setDaemon(true);
					drain.start();
					return port;
				}
			}
			throw new IllegalStateException("the OpenSearch test node ended before it started; see " + log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void drain(BufferedReader output) {
		try {
			while (output.readLine() != null) {
				// the node's log is not needed once it runs
			}
		}
		catch (IOException ex) {
			// the node ended
		}
	}

	/** The node's classpath, resolved by Maven once per build (kept in target/ until the pom changes). */
	private static String classpath(Path nodeDirectory) throws IOException {
		Path basedir = nodeDirectory.getParent().getParent().getParent();
		Path pom = nodeDirectory.resolve("pom.xml");
		Path file = basedir.resolve("target").resolve("opensearch-node.classpath");
		if (!Files.exists(file) || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(pom)) < 0) {
			Path mvnw = basedir.resolve(System.getProperty("os.name").startsWith("Windows") ? "mvnw.cmd" : "mvnw");
			Process maven = new ProcessBuilder(mvnw.toString(), "-B", "-q", "-f", pom.toString(),
					"dependency:build-classpath", "-Dmdep.outputFile=" + file)
				.redirectErrorStream(true)
				.start();
			String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			try {
				if (maven.waitFor() != 0 || !Files.exists(file)) {
					throw new IllegalStateException("resolving the OpenSearch test node's classpath failed:\n" + output);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return Files.readString(file).trim();
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}

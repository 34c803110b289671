package com.heimdex.embeddings.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Pushgateway (Debian's {@code prometheus-pushgateway}): {@code TEST_PUSHGATEWAY_URL}
 * when set (scripts/test.sh starts one), otherwise one started by this class on a free loopback
 * port for the test JVM. Fails, never skips, when neither is possible.
 */
public final class TestPushgateway {

	private static final String BINARY = "prometheus-pushgateway";

	private static TestPushgateway instance;

	private final String url;

	private final HttpClient http = HttpClient.newHttpClient();

	private TestPushgateway(String url) {
		this.url = url;
	}

	public static synchronized TestPushgateway get() {
		if (instance == null) {
			String url = System.getenv("TEST_PUSHGATEWAY_URL");
			instance = new TestPushgateway((url != null && !url.isBlank()) ? url.trim().replaceAll("/$", "") : start());
		}
		return instance;
	}

	/** {@code http://127.0.0.1:port}. */
	public String url() {
		return this.url;
	}

	/** {@code host:port}, as {@code management.prometheus.metrics.export.pushgateway.address} takes it. */
	public String address() {
		return URI.create(this.url).getAuthority();
	}

	/** The exposition lines of {@code /metrics} (comments left out). */
	public List<String> metricLines() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.url + "/metrics")).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("GET " + this.url + "/metrics answered " + response.statusCode());
		}
		return response.body().lines().filter((line) -> !line.startsWith("#") && !line.isBlank()).toList();
	}

	/** The samples of the group of this {@code job} and {@code instance}. */
	public PushedSeries series(String job, String instance) throws IOException, InterruptedException {
		return PushedSeries.of(metricLines(), job, instance);
	}

	/** Deletes the group of these grouping labels ({@code job}, then pairs of name and value). */
	public void deleteGroup(String job, String... labels) throws IOException, InterruptedException {
		StringBuilder path = new StringBuilder("/metrics/job/").append(job);
		for (int i = 0; i + 1 < labels.length; i += 2) {
			path.append('/').append(labels[i]).append('/').append(labels[i + 1]);
		}
		this.http.send(HttpRequest.newBuilder(URI.create(this.url + path)).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
	}

	private static String start() {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free port for the Pushgateway", ex);
		}
		String url = "http://127.0.0.1:" + port;
		try {
			Path log = Files.createTempFile("pushgateway", ".log");
			List<String> command = new ArrayList<>(List.of(BINARY, "--web.listen-address=127.0.0.1:" + port));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException(BINARY + " exited: " + Files.readString(log));
				}
				try {
					if (http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
							HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return url;
					}
				}
				catch (IOException notYet) {
					// still starting
				}
				Thread.sleep(100);
			}
			throw new IllegalStateException(BINARY + " did not answer on " + url + ": " + Files.readString(log));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + BINARY + " (Debian's prometheus-pushgateway; "
					+ "scripts/test.sh installs it, or set TEST_PUSHGATEWAY_URL): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

package com.heimdex.embeddings.thumbnail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on 127.0.0.1 (random port) that serves thumbnails with injectable faults. Each
 * path gets a {@link Behaviour}; unregistered paths answer 404. Requests are counted per path and
 * their {@code Authorization} headers recorded. Images to serve come from {@link TestImages}.
 */
public final class ThumbnailTestServer implements AutoCloseable {

	/** How a path answers; {@code requestNumber} starts at 1 for the path's first request. */
	@FunctionalInterface
	public interface Behaviour {

		void respond(HttpExchange exchange, int requestNumber) throws IOException;

	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();

	private final Map<String, List<String>> authorizations = new ConcurrentHashMap<>();

	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private ThumbnailTestServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	public static ThumbnailTestServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			ExecutorService executor = Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task, "thumbnail-test-server");
				thread.setDaemon(true);
				return thread;
			});
			ThumbnailTestServer testServer = new ThumbnailTestServer(server, executor);
			server.createContext("/", testServer::dispatch);
			server.setExecutor(executor);
			server.start();
			return testServer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** {@code http://127.0.0.1:<port>} followed by {@code path}. */
	public String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	/** The same resource under the host name {@code localhost}: another origin, same server. */
	public String localhostUrl(String path) {
		return "http://localhost:" + port() + path;
	}

	public URI uri(String path) {
		return URI.create(url(path));
	}

	public ThumbnailTestServer handle(String path, Behaviour behaviour) {
		this.behaviours.put(path, behaviour);
		return this;
	}

	public ThumbnailTestServer serve(String path, byte[] body, String contentType) {
		return handle(path, (exchange, n) -> send(exchange, 200, body, contentType, true));
	}

	/** Serves {@code body} chunked, without a {@code Content-Length} header. */
	public ThumbnailTestServer serveWithoutContentLength(String path, byte[] body, String contentType) {
		return handle(path, (exchange, n) -> send(exchange, 200, body, contentType, false));
	}

	public ThumbnailTestServer status(String path, int status) {
		return handle(path, (exchange, n) -> send(exchange, status, ("status " + status).getBytes(), "text/plain", true));
	}

	/** Answers {@code status} with a body of {@code bodyBytes} bytes, an error page too long to read past. */
	public ThumbnailTestServer statusWithLargeBody(String path, int status, int bodyBytes) {
		return handle(path, (exchange, n) -> send(exchange, status, new byte[bodyBytes], "text/html", true));
	}

	public ThumbnailTestServer notFound(String path) {
		return status(path, 404);
	}

	/** Answers {@code failureStatus} to the first {@code failures} requests, then serves the body. */
	public ThumbnailTestServer failThenServe(String path, int failures, int failureStatus, byte[] body,
			String contentType) {
		return handle(path, (exchange, n) -> {
			if (n <= failures) {
				send(exchange, failureStatus, "try again".getBytes(), "text/plain", true);
			}
			else {
				send(exchange, 200, body, contentType, true);
			}
		});
	}

	/** Waits {@code delay} before sending the response headers. */
	public ThumbnailTestServer slow(String path, Duration delay, byte[] body, String contentType) {
		return handle(path, (exchange, n) -> {
			pause(delay);
			send(exchange, 200, body, contentType, true);
		});
	}

	/** Sends the headers and half the body at once, then waits {@code delay} before the rest. */
	public ThumbnailTestServer stallBody(String path, Duration delay, byte[] body, String contentType) {
		return handle(path, (exchange, n) -> {
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body, 0, body.length / 2);
				out.flush();
				pause(delay);
				out.write(body, body.length / 2, body.length - body.length / 2);
			}
		});
	}

	/**
	 * Sends the headers, then the body a byte every {@code interval}: each read gets data in
	 * time, the whole body does not.
	 */
	public ThumbnailTestServer trickle(String path, Duration interval, byte[] body, String contentType) {
		return handle(path, (exchange, n) -> {
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				for (byte value : body) {
					out.write(value);
					out.flush();
					pause(interval);
				}
			}
		});
	}

	/**
	 * Sends the headers ({@code declaredLength} as {@code Content-Length}, or chunked when
	 * negative) and {@code sent}, then holds the connection for {@code stall} before closing it:
	 * a client that reads a refused body to its end waits that long.
	 */
	public ThumbnailTestServer sendThenStall(String path, long declaredLength, byte[] sent, Duration stall,
			String contentType) {
		return handle(path, (exchange, n) -> {
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(200, (declaredLength < 0) ? 0 : declaredLength);
			OutputStream out = exchange.getResponseBody();
			out.write(sent);
			out.flush();
			pause(stall);
			exchange.close();
		});
	}

	/**
	 * Declares {@code declaredLength} bytes, sends only {@code sent}, then drops the connection:
	 * a truncated transfer, or (with a huge declared length) a body only a client that trusts
	 * {@code Content-Length} refuses cleanly.
	 */
	public ThumbnailTestServer declareLength(String path, long declaredLength, byte[] sent, String contentType) {
		return handle(path, (exchange, n) -> {
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(200, declaredLength);
			OutputStream out = exchange.getResponseBody();
			out.write(sent);
			out.flush();
			exchange.close();
		});
	}

	public ThumbnailTestServer redirect(String path, int status, String location) {
		return handle(path, (exchange, n) -> {
			exchange.getResponseHeaders().set("Location", location);
			send(exchange, status, new byte[0], "text/plain", true);
		});
	}

	/** Serves the body only to requests with {@code Authorization: Bearer <token>}; 401 otherwise. */
	public ThumbnailTestServer requireBearer(String path, String token, byte[] body, String contentType) {
		return handle(path, (exchange, n) -> {
			if (("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				send(exchange, 200, body, contentType, true);
			}
			else {
				send(exchange, 401, "unauthorized".getBytes(), "text/plain", true);
			}
		});
	}

	public int requestCount(String path) {
		AtomicInteger count = this.requestCounts.get(path);
		return (count != null) ? count.get() : 0;
	}

	/** The {@code Authorization} header of each request to {@code path}, {@code ""} when absent. */
	public List<String> authorizations(String path) {
		return List.copyOf(this.authorizations.getOrDefault(path, List.of()));
	}

	/** Connections the server has taken requests on so far. */
	public int connectionCount() {
		return this.clientPorts.size();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void dispatch(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		int requestNumber = this.requestCounts.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
		this.clientPorts.add(exchange.getRemoteAddress().getPort());
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.authorizations.computeIfAbsent(path, (p) -> new CopyOnWriteArrayList<>())
			.add((authorization != null) ? authorization : "");
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			Behaviour behaviour = this.behaviours.get(path);
			if (behaviour == null) {
				send(exchange, 404, "no such path".getBytes(), "text/plain", true);
			}
			else {
				behaviour.respond(exchange, requestNumber);
			}
		}
	}

	private static void send(HttpExchange exchange, int status, byte[] body, String contentType, boolean withLength)
			throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, withLength ? ((body.length == 0) ? -1 : body.length) : 0);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

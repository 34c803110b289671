package com.heimdex.embeddings.bench;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Photo-like 640x360 JPEG thumbnails (smooth gradients, soft shapes, sensor-like noise, quality
 * 85: 40-70 KB each, as video frame thumbnails are) served over HTTP on 127.0.0.1. Scene
 * {@code i} is served at {@code /thumbnails/i.jpg} and gets image {@code i % count}.
 * <p>
 * The server stands in for remote storage, whose CPU is not the job machine's: it answers
 * HTTP/1.1 GETs on kept-alive connections, a thread per connection, each response (head and body
 * made in advance) in one write, so that it takes as little of the cores the job runs on as it can.
 */
final class BenchThumbnails implements AutoCloseable {

	static final int WIDTH = 640;

	static final int HEIGHT = 360;

	private static final int WARM_UP_CONCURRENCY = 32;

	private static final byte[] NOT_FOUND = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	private final List<byte[]> jpegs;

	/** Each thumbnail's whole response: status line, headers and body. */
	private final List<byte[]> responses;

	private final ServerSocket server;

	private final ExecutorService executor;

	private BenchThumbnails(List<byte[]> jpegs) throws IOException {
		this.jpegs = jpegs;
		this.responses = jpegs.stream().map(BenchThumbnails::response).toList();
		this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "bench-thumbnails");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.execute(this::accept);
	}

	/** Generates {@code count} distinct thumbnails and starts serving them. */
	static BenchThumbnails start(int count) {
		List<byte[]> jpegs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			jpegs.add(jpeg(image(i)));
		}
		try {
			return new BenchThumbnails(jpegs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Serves {@code requests} thumbnails to a client of its own, so that the server's code is
	 * compiled before a job is measured: the server stands in for remote storage, whose start-up
	 * costs the job's machine nothing.
	 */
	void warmUp(int requests) throws InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url(i))).build(),
					HttpResponse.BodyHandlers.ofByteArray()));
			if (responses.size() == WARM_UP_CONCURRENCY || i == requests - 1) {
				for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
					try {
						response.get();
					}
					catch (ExecutionException ex) {
						throw new IllegalStateException("The thumbnail server failed while warming up", ex.getCause());
					}
				}
				responses.clear();
			}
		}
	}

	String url(int scene) {
		return "http://127.0.0.1:" + this.server.getLocalPort() + "/thumbnails/" + scene + ".jpg";
	}

	List<byte[]> jpegs() {
		return this.jpegs;
	}

	double averageKilobytes() {
		return this.jpegs.stream().mapToInt((jpeg) -> jpeg.length).average().orElse(0) / 1024;
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.executor.shutdownNow();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket connection = this.server.accept();
				connection.setTcpNoDelay(true);
				this.executor.execute(() -> serve(connection));
			}
			catch (IOException ex) {
				// closed, or a connection that failed before it was taken
			}
		}
	}

	/** Answers the connection's requests until the client closes it. */
	private void serve(Socket connection) {
		try (connection) {
			InputStream in = new BufferedInputStream(connection.getInputStream());
			OutputStream out = connection.getOutputStream();
			for (String target = requestTarget(in); target != null; target = requestTarget(in)) {
				out.write(responseFor(target));
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private byte[] responseFor(String target) {
		String name = target.substring(target.lastIndexOf('/') + 1);
		if (!target.startsWith("/thumbnails/") || !name.matches("[0-9]+\\.jpg")) {
			return NOT_FOUND;
		}
		return this.responses.get(Math.floorMod(Integer.parseInt(name.substring(0, name.length() - 4)),
				this.responses.size()));
	}

	/** Reads one request's head; its target, or {@code null} at the end of the connection. */
	private static String requestTarget(InputStream in) throws IOException {
		String requestLine = line(in);
		if (requestLine == null) {
			return null;
		}
		for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
			// GETs without a body: the headers are not needed
		}
		String[] parts = requestLine.split(" ");
		return (parts.length == 3) ? parts[1] : "";
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int next = in.read(); next != '\n'; next = in.read()) {
			if (next < 0) {
				return null;
			}
			if (next != '\r') {
				line.append((char) next);
			}
		}
		return line.toString();
	}

	private static byte[] response(byte[] jpeg) {
		byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] response = new byte[head.length + jpeg.length];
		System.arraycopy(head, 0, response, 0, head.length);
		System.arraycopy(jpeg, 0, response, head.length, jpeg.length);
		return response;
	}

	/** A frame-like picture: a few sinusoidal colour fields, soft discs, and noise. */
	static BufferedImage image(int seed) {
		SplittableRandom random = new SplittableRandom(0xC11B_0000L + seed);
		double[][] waves = new double[6][];
		for (int i = 0; i < waves.length; i++) {
			waves[i] = new double[] { random.nextDouble(0.002, 0.03), random.nextDouble(0.002, 0.03),
					random.nextDouble(0, 6.3), random.nextDouble(30, 90), random.nextInt(3) };
		}
		double[][] discs = new double[8][];
		for (int i = 0; i < discs.length; i++) {
			discs[i] = new double[] { random.nextDouble(WIDTH), random.nextDouble(HEIGHT), random.nextDouble(20, 120),
					random.nextDouble(-90, 90), random.nextDouble(-90, 90), random.nextDouble(-90, 90) };
		}
		int[] base = { random.nextInt(60, 190), random.nextInt(60, 190), random.nextInt(60, 190) };
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < HEIGHT; y++) {
			for (int x = 0; x < WIDTH; x++) {
				double[] rgb = { base[0], base[1], base[2] };
				for (double[] wave : waves) {
					rgb[(int) wave[4]] += wave[3] * Math.sin(wave[0] * x + wave[1] * y + wave[2]);
				}
				for (double[] disc : discs) {
					double dx = x - disc[0];
					double dy = y - disc[1];
					double weight = 1 / (1 + Math.exp((Math.sqrt(dx * dx + dy * dy) - disc[2]) / 3));
					for (int c = 0; c < 3; c++) {
						rgb[c] += weight * disc[3 + c];
					}
				}
				int pixel = 0;
				for (int c = 0; c < 3; c++) {
					int value = (int) Math.round(rgb[c] + random.nextGaussian() * 6);
					pixel = (pixel << 8) | Math.max(0, Math.min(255, value));
				}
				image.setRGB(x, y, pixel);
			}
		}
		return image;
	}

	private static byte[] jpeg(BufferedImage image) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(0.85f);
			writer.setOutput(out);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

}

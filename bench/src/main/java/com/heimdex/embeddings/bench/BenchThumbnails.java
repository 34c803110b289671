package com.heimdex.embeddings.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Photo-like 640x360 JPEG thumbnails (smooth gradients, soft shapes, sensor-like noise, quality
 * 85: 40-70 KB each, as video frame thumbnails are) served over HTTP on 127.0.0.1. Scene
 * {@code i} is served at {@code /thumbnails/i.jpg} and gets image {@code i % count}.
 */
final class BenchThumbnails implements AutoCloseable {

	static final int WIDTH = 640;

	static final int HEIGHT = 360;

	private static final int WARM_UP_CONCURRENCY = 32;

	private final List<byte[]> jpegs;

	private final HttpServer server;

	private final ExecutorService executor;

	private BenchThumbnails(List<byte[]> jpegs) throws IOException {
		this.jpegs = jpegs;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
		this.executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "bench-thumbnails");
			thread.setDaemon(true);
			return thread;
		});
		this.server.createContext("/thumbnails/", this::serve);
		this.server.setExecutor(this.executor);
		this.server.start();
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
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/thumbnails/" + scene + ".jpg";
	}

	List<byte[]> jpegs() {
		return this.jpegs;
	}

	double averageKilobytes() {
		return this.jpegs.stream().mapToInt((jpeg) -> jpeg.length).average().orElse(0) / 1024;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String name = path.substring(path.lastIndexOf('/') + 1).replace(".jpg", "");
			byte[] body = this.jpegs.get(Math.floorMod(Integer.parseInt(name), this.jpegs.size()));
			exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (RuntimeException ex) {
			exchange.sendResponseHeaders(404, -1);
		}
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

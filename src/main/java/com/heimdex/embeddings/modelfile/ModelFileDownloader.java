package com.heimdex.embeddings.modelfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.heimdex.embeddings.hash.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a model file into the cache: streamed to a temporary file beside the target while
 * hashed, verified against the expected sha256, then moved into place atomically, so a reader
 * never sees a partial or wrong file.
 */
class ModelFileDownloader {

	static final String PARTIAL_SUFFIX = ".part";

	private static final Logger log = LoggerFactory.getLogger(ModelFileDownloader.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

	/** A transfer that receives nothing for this long is abandoned (the JDK client has no read timeout). */
	private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(CONNECT_TIMEOUT)
		.build();

	private final ModelFileSource source;

	ModelFileDownloader(ModelFileSource source) {
		this.source = source;
	}

	Path download(String url, String expectedSha256, Path target) throws IOException {
		log.info("Downloading {} from {} to {}", this.source.label(), url, target);
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(RESPONSE_TIMEOUT).GET().build();
		HttpResponse<InputStream> response = send(request);
		if (response.statusCode() != 200) {
			response.body().close();
			throw new ModelFileException("Downloading the " + this.source.label() + " from "
					+ this.source.urlSetting() + "=" + url + " failed: HTTP " + response.statusCode());
		}
		long expectedBytes = response.headers().firstValueAsLong("Content-Length").orElse(-1);
		Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), PARTIAL_SUFFIX);
		try {
			String actualSha256 = copyHashing(response.body(), partial, expectedBytes);
			if (!actualSha256.equals(expectedSha256)) {
				throw new ModelFileException("The " + this.source.label() + " downloaded from "
						+ this.source.urlSetting() + "=" + url + " has sha256 " + actualSha256 + " but "
						+ this.source.sha256Setting() + " expects " + expectedSha256);
			}
			moveIntoPlace(partial, target);
			log.info("{} downloaded and verified: {} ({} bytes)", this.source.label(), target, Files.size(target));
			return target;
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while downloading the " + this.source.label());
		}
		catch (IOException ex) {
			throw new ModelFileException("Downloading the " + this.source.label() + " from "
					+ this.source.urlSetting() + "=" + request.uri() + " failed: " + ex, ex);
		}
	}

	private String copyHashing(InputStream body, Path file, long expectedBytes) throws IOException {
		MessageDigest digest = Sha256.newDigest();
		AtomicLong lastProgressNanos = new AtomicLong(System.nanoTime());
		ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "model-download-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		watchdog.scheduleAtFixedRate(() -> closeIfStalled(body, lastProgressNanos), 1, 1, TimeUnit.SECONDS);
		try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
			byte[] buffer = new byte[1 << 16];
			long total = 0;
			long nextReport = reportStep(expectedBytes);
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				lastProgressNanos.set(System.nanoTime());
				digest.update(buffer, 0, read);
				out.write(buffer, 0, read);
				total += read;
				if (total >= nextReport) {
					logProgress(total, expectedBytes);
					nextReport += reportStep(expectedBytes);
				}
			}
			if (expectedBytes >= 0 && total != expectedBytes) {
				throw new ModelFileException(this.source.label() + " download ended after " + total + " of "
						+ expectedBytes + " bytes");
			}
		}
		catch (IOException ex) {
			throw new ModelFileException(this.source.label() + " download failed: " + ex.getMessage(), ex);
		}
		finally {
			watchdog.shutdownNow();
		}
		return Sha256.hex(digest);
	}

	private void closeIfStalled(InputStream body, AtomicLong lastProgressNanos) {
		if (System.nanoTime() - lastProgressNanos.get() > STALL_TIMEOUT.toNanos()) {
			log.warn("{} download received nothing for {} s; abandoning it", this.source.label(),
					STALL_TIMEOUT.toSeconds());
			try {
				body.close();
			}
			catch (IOException ignored) {
				// the reading thread reports the failure
			}
		}
	}

	private static long reportStep(long expectedBytes) {
		return (expectedBytes > 0) ? Math.max(expectedBytes / 10, 1) : 16L << 20;
	}

	private void logProgress(long bytes, long expectedBytes) {
		if (expectedBytes > 0) {
			log.info("{} download: {} / {} MB ({}%)", this.source.label(), bytes >> 20, expectedBytes >> 20,
					bytes * 100 / expectedBytes);
		}
		else {
			log.info("{} download: {} MB", this.source.label(), bytes >> 20);
		}
	}

	private static void moveIntoPlace(Path partial, Path target) throws IOException {
		try {
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}

package com.heimdex.embeddings.clip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.heimdex.embeddings.hash.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the ONNX file of the CLIP image model: {@code CLIP_MODEL_PATH} when set; else a file in
 * {@code CLIP_CACHE_DIR} whose name contains {@code CLIP_MODEL_SHA256} and whose content hashes
 * to it; else a fresh download of {@code CLIP_MODEL_URL}, verified and cached as
 * {@code <sha256>.onnx}. A cached file with the wrong content is downloaded again.
 */
public class ClipModelLocator {

	private static final Logger log = LoggerFactory.getLogger(ClipModelLocator.class);

	private final ClipProperties properties;

	private final ClipModelDownloader downloader;

	public ClipModelLocator(ClipProperties properties) {
		this(properties, new ClipModelDownloader());
	}

	ClipModelLocator(ClipProperties properties, ClipModelDownloader downloader) {
		this.properties = properties;
		this.downloader = downloader;
	}

	/** The readable model file, downloading it first if needed. */
	public Path locate() {
		if (properties.modelPath() != null) {
			return configuredModelFile(properties.modelPath());
		}
		String sha256 = properties.modelSha256();
		Path cacheDir = properties.cacheDir();
		try {
			Files.createDirectories(cacheDir);
			for (Path candidate : cachedCandidates(cacheDir, sha256)) {
				String actual = Sha256.of(candidate);
				if (actual.equals(sha256)) {
					log.info("Using cached CLIP model {}", candidate);
					return candidate;
				}
				log.warn("Cached CLIP model {} has sha256 {} instead of {}; downloading it again", candidate, actual,
						sha256);
				Files.deleteIfExists(candidate);
			}
			return downloader.download(properties.modelUrl(), sha256, cacheDir.resolve(sha256 + ".onnx"));
		}
		catch (IOException ex) {
			throw new ClipModelException("Cannot use CLIP_CACHE_DIR=" + cacheDir + ": " + ex.getMessage(), ex);
		}
	}

	private static Path configuredModelFile(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new ClipModelException("CLIP_MODEL_PATH=" + file + " does not exist or is not a regular file");
		}
		if (!Files.isReadable(file)) {
			throw new ClipModelException("CLIP_MODEL_PATH=" + file + " is not readable");
		}
		try (InputStream in = Files.newInputStream(file)) {
			in.read();
		}
		catch (IOException ex) {
			throw new ClipModelException("CLIP_MODEL_PATH=" + file + " cannot be read: " + ex.getMessage(), ex);
		}
		return file;
	}

	/** {@code <sha256>.onnx} first, then any other readable file whose name contains the hash. */
	private static List<Path> cachedCandidates(Path cacheDir, String sha256) throws IOException {
		List<Path> candidates = new ArrayList<>();
		Path canonical = cacheDir.resolve(sha256 + ".onnx");
		if (Files.isRegularFile(canonical)) {
			candidates.add(canonical);
		}
		try (Stream<Path> files = Files.list(cacheDir)) {
			files.filter((file) -> !file.equals(canonical))
				.filter((file) -> file.getFileName().toString().toLowerCase().contains(sha256))
				.filter((file) -> !file.getFileName().toString().endsWith(ClipModelDownloader.PARTIAL_SUFFIX))
				.filter((file) -> Files.isRegularFile(file) && Files.isReadable(file))
				.sorted()
				.forEach(candidates::add);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		return candidates;
	}

}

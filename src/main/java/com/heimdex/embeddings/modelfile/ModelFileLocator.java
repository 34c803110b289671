package com.heimdex.embeddings.modelfile;

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
 * Finds a model's ONNX file: the configured path when set; else a file in the cache directory
 * whose name contains the expected sha256 and whose content hashes to it; else a fresh download
 * of the URL, verified and cached as {@code <sha256>.onnx}. A cached file with the wrong content
 * is downloaded again. Every model of the application (CLIP, the person detector) is found this
 * way.
 */
public class ModelFileLocator {

	private static final Logger log = LoggerFactory.getLogger(ModelFileLocator.class);

	private final ModelFileSource source;

	private final ModelFileDownloader downloader;

	public ModelFileLocator(ModelFileSource source) {
		this(source, new ModelFileDownloader(source));
	}

	ModelFileLocator(ModelFileSource source, ModelFileDownloader downloader) {
		this.source = source;
		this.downloader = downloader;
	}

	/**
	 * The readable model file, downloading it first if needed.
	 * @throws InvalidModelException when the configured path is not a readable file
	 * @throws ModelFileException when the download or the cache fails
	 */
	public Path locate() {
		if (this.source.path() != null) {
			return configuredModelFile();
		}
		String sha256 = this.source.sha256();
		Path cacheDir = this.source.cacheDir();
		try {
			Files.createDirectories(cacheDir);
			for (Path candidate : cachedCandidates(cacheDir, sha256)) {
				String actual = Sha256.of(candidate);
				if (actual.equals(sha256)) {
					log.info("Using cached {} {}", this.source.label(), candidate);
					return candidate;
				}
				log.warn("Cached {} {} has sha256 {} instead of {}; downloading it again", this.source.label(),
						candidate, actual, sha256);
				Files.deleteIfExists(candidate);
			}
			return this.downloader.download(this.source.url(), sha256, cacheDir.resolve(sha256 + ".onnx"));
		}
		catch (IOException ex) {
			throw new ModelFileException("Cannot use " + this.source.cacheDirSetting() + "=" + cacheDir + ": "
					+ ex.getMessage(), ex);
		}
	}

	private Path configuredModelFile() {
		Path file = this.source.path();
		String setting = this.source.pathSetting() + "=" + file;
		if (!Files.isRegularFile(file)) {
			throw new InvalidModelException(setting + " does not exist or is not a regular file");
		}
		if (!Files.isReadable(file)) {
			throw new InvalidModelException(setting + " is not readable");
		}
		try (InputStream in = Files.newInputStream(file)) {
			in.read();
		}
		catch (IOException ex) {
			throw new InvalidModelException(setting + " cannot be read: " + ex.getMessage(), ex);
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
				.filter((file) -> !file.getFileName().toString().endsWith(ModelFileDownloader.PARTIAL_SUFFIX))
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

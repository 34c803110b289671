package com.heimdex.embeddings.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.testmodel.GeneratedClipModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipModelLocatorTest {

	@TempDir
	Path dir;

	private byte[] model;

	private String sha256;

	private ModelServer server;

	@BeforeEach
	void serveAGeneratedModel() throws IOException {
		Path file = dir.resolve("generated.onnx");
		GeneratedClipModel.writeSmall(file, 32, 5);
		model = Files.readAllBytes(file);
		sha256 = Sha256.of(file);
		server = new ModelServer(model);
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void downloadsVerifiesAndCachesTheModelThenUsesTheCache() throws IOException {
		// given
		Path cacheDir = dir.resolve("cache");
		ClipModelLocator locator = locator(Map.of("CLIP_MODEL_URL", server.url("/model.onnx"), "CLIP_MODEL_SHA256",
				sha256, "CLIP_CACHE_DIR", cacheDir.toString()));

		// when
		Path first = locator.locate();
		Path second = locator.locate();

		// then
		assertThat(first).isEqualTo(cacheDir.resolve(sha256 + ".onnx")).isEqualTo(second);
		assertThat(Files.readAllBytes(first)).isEqualTo(model);
		assertThat(server.modelRequests()).isEqualTo(1);
		assertThat(filesIn(cacheDir)).containsExactly(sha256 + ".onnx");
	}

	@Test
	void followsRedirects() throws IOException {
		// given
		Path cacheDir = dir.resolve("cache");
		ClipModelLocator locator = locator(Map.of("CLIP_MODEL_URL", server.url("/moved.onnx"), "CLIP_MODEL_SHA256",
				sha256, "CLIP_CACHE_DIR", cacheDir.toString()));

		// when
		Path located = locator.locate();

		// then
		assertThat(Files.readAllBytes(located)).isEqualTo(model);
		assertThat(server.modelRequests()).isEqualTo(1);
	}

	@Test
	void usesACachedFileWhoseNameContainsTheChecksum() throws IOException {
		// given
		Path cacheDir = Files.createDirectories(dir.resolve("cache"));
		Path preloaded = Files.write(cacheDir.resolve("vision_model_quantized-" + sha256 + ".onnx"), model);
		ClipModelLocator locator = locator(Map.of("CLIP_MODEL_URL", server.url("/model.onnx"), "CLIP_MODEL_SHA256",
				sha256, "CLIP_CACHE_DIR", cacheDir.toString()));

		// when
		Path located = locator.locate();

		// then
		assertThat(located).isEqualTo(preloaded);
		assertThat(server.modelRequests()).isZero();
	}

	@Test
	void downloadsAgainWhenTheCachedFileIsCorrupt() throws IOException {
		// given
		Path cacheDir = Files.createDirectories(dir.resolve("cache"));
		Files.write(cacheDir.resolve(sha256 + ".onnx"), new byte[] { 1, 2, 3 });
		ClipModelLocator locator = locator(Map.of("CLIP_MODEL_URL", server.url("/model.onnx"), "CLIP_MODEL_SHA256",
				sha256, "CLIP_CACHE_DIR", cacheDir.toString()));

		// when
		Path located = locator.locate();

		// then
		assertThat(Files.readAllBytes(located)).isEqualTo(model);
		assertThat(server.modelRequests()).isEqualTo(1);
	}

	@Test
	void refusesADownloadWithTheWrongChecksumNamingBothHashes() throws IOException {
		// given
		String expected = "0".repeat(64);
		Path cacheDir = dir.resolve("cache");
		ClipModelLocator locator = locator(Map.of("CLIP_MODEL_URL", server.url("/model.onnx"), "CLIP_MODEL_SHA256",
				expected, "CLIP_CACHE_DIR", cacheDir.toString()));

		// when / then
		assertThatThrownBy(locator::locate).isInstanceOf(ClipModelException.class)
			.hasMessageContaining("expects " + expected)
			.hasMessageContaining("has sha256 " + sha256);
		assertThat(filesIn(cacheDir)).isEmpty();
	}

	@Test
	void reportsAnHttpErrorNamingTheUrlAndStatus() {
		// given
		String url = server.url("/missing.onnx");
		ClipModelLocator locator = locator(
				Map.of("CLIP_MODEL_URL", url, "CLIP_MODEL_SHA256", sha256, "CLIP_CACHE_DIR", dir.toString()));

		// when / then
		assertThatThrownBy(locator::locate).isInstanceOf(ClipModelException.class)
			.hasMessageContaining(url)
			.hasMessageContaining("404");
	}

	@Test
	void aConfiguredModelPathWinsAndNothingIsDownloaded() throws IOException {
		// given
		Path local = Files.write(dir.resolve("local.onnx"), model);
		ClipModelLocator locator = locator(Map.of("CLIP_MODEL_PATH", local.toString(), "CLIP_MODEL_URL",
				server.url("/model.onnx"), "CLIP_MODEL_SHA256", "0".repeat(64), "CLIP_CACHE_DIR",
				dir.resolve("cache").toString()));

		// when
		Path located = locator.locate();

		// then
		assertThat(located).isEqualTo(local);
		assertThat(server.modelRequests()).isZero();
	}

	@Test
	void aMissingModelPathIsAnErrorNamingTheSettingAndThePath() {
		// given
		Path missing = dir.resolve("absent.onnx");
		ClipModelLocator locator = locator(Map.of("CLIP_MODEL_PATH", missing.toString(), "CLIP_MODEL_URL",
				server.url("/model.onnx"), "CLIP_MODEL_SHA256", sha256, "CLIP_CACHE_DIR", dir.toString()));

		// when / then
		assertThatThrownBy(locator::locate).isInstanceOf(ClipModelException.class)
			.hasMessageContaining("CLIP_MODEL_PATH=" + missing);
		assertThat(server.modelRequests()).isZero();
	}

	private static ClipModelLocator locator(Map<String, String> environment) {
		return new ClipModelLocator(ClipTestProperties.fromEnvironment(new HashMap<>(environment)));
	}

	private static Stream<String> filesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList().stream();
		}
	}

}

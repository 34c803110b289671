package com.heimdex.embeddings.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClipPropertiesTest {

	@Test
	void defaultsAreTheSeedsAndThePinnedModel() {
		// when
		ClipProperties properties = ClipTestProperties.fromEnvironment(Map.of());

		// then
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.modelName()).isEqualTo("ViT-B-32");
		assertThat(properties.pretrained()).isEqualTo("openai");
		assertThat(properties.device()).isEqualTo("cpu");
		assertThat(properties.cacheDir()).isEqualTo(Path.of("/tmp/clip_cache"));
		assertThat(properties.normalize()).isTrue();
		assertThat(properties.timeoutS()).isEqualTo(5.0);
		assertThat(properties.maxImageSize()).isEqualTo(224);
		assertThat(properties.cpuThreads()).isNull();
		assertThat(properties.effectiveCpuThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(properties.debugLog()).isFalse();
		assertThat(properties.modelPath()).isNull();
		assertThat(properties.modelUrl()).isEqualTo("https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/"
				+ "d15189d7028b43f1d3e65039190477f6af591c2a/onnx/vision_model_quantized.onnx");
		assertThat(properties.modelSha256()).isEqualTo("583fd1110a514667812fee7d684952aaf82a99b959760c8d7dca7e0ab9839299");
		assertThat(properties.dimensions()).isEqualTo(512);
	}

	@Test
	void bindsTheOperatorsEnvironmentNames() {
		// given
		Map<String, String> environment = Map.ofEntries(Map.entry("CLIP_ENABLED", "false"),
				Map.entry("CLIP_MODEL_NAME", "ViT-L-14"), Map.entry("CLIP_PRETRAINED", "laion2b"),
				Map.entry("CLIP_DEVICE", "CPU"), Map.entry("CLIP_CACHE_DIR", "/var/cache/clip"),
				Map.entry("CLIP_NORMALIZE", "false"), Map.entry("CLIP_TIMEOUT_S", "2.5"),
				Map.entry("CLIP_MAX_IMAGE_SIZE", "336"), Map.entry("CLIP_CPU_THREADS", "3"),
				Map.entry("CLIP_DEBUG_LOG", "true"), Map.entry("CLIP_MODEL_PATH", "/models/clip.onnx"),
				Map.entry("CLIP_MODEL_URL", "http://models.internal/clip.onnx"),
				Map.entry("CLIP_MODEL_SHA256", "AB".repeat(32)), Map.entry("CLIP_DIMENSIONS", "768"));

		// when
		ClipProperties properties = ClipTestProperties.fromEnvironment(environment);

		// then
		assertThat(properties).isEqualTo(new ClipProperties(false, "ViT-L-14", "laion2b", "cpu",
				Path.of("/var/cache/clip"), false, 2.5, 336, 3, true, Path.of("/models/clip.onnx"),
				"http://models.internal/clip.onnx", "ab".repeat(32), 768));
		assertThat(properties.effectiveCpuThreads()).isEqualTo(3);
	}

	@Test
	void refusesADeviceOtherThanCpuNamingTheSetting() {
		assertThatThrownBy(() -> ClipTestProperties.fromEnvironment(Map.of("CLIP_DEVICE", "cuda")))
			.rootCause()
			.hasMessageContaining("CLIP_DEVICE=cuda")
			.hasMessageContaining("cpu");
	}

	@Test
	void refusesAChecksumThatIsNotASha256() {
		assertThatThrownBy(() -> ClipTestProperties.fromEnvironment(Map.of("CLIP_MODEL_SHA256", "abc")))
			.rootCause()
			.hasMessageContaining("CLIP_MODEL_SHA256");
	}

}

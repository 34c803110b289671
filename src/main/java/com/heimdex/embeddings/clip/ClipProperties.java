package com.heimdex.embeddings.clip;

import java.nio.file.Path;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the CLIP image embedder. Operators set them by the environment names the seeds
 * use ({@code CLIP_ENABLED}, {@code CLIP_TIMEOUT_S}, {@code CLIP_MODEL_PATH}, ...), which bind
 * here by relaxed binding.
 *
 * @param enabled whether CLIP embeddings are computed at all ({@code CLIP_ENABLED})
 * @param modelName the model architecture, recorded in metadata as {@code model_name}
 * ({@code CLIP_MODEL_NAME})
 * @param pretrained the source of the weights, recorded in metadata as {@code pretrained}
 * ({@code CLIP_PRETRAINED})
 * @param device where inference runs; only {@code cpu} is supported ({@code CLIP_DEVICE})
 * @param cacheDir the directory downloaded models are kept in ({@code CLIP_CACHE_DIR})
 * @param normalize whether vectors are L2-normalised ({@code CLIP_NORMALIZE})
 * @param timeoutS the inference budget per image in seconds; a batch of n images may take
 * n times this ({@code CLIP_TIMEOUT_S})
 * @param maxImageSize the side, in pixels, images are reduced to before inference
 * ({@code CLIP_MAX_IMAGE_SIZE})
 * @param cpuThreads the threads one inference may use; unset means all available cores
 * ({@code CLIP_CPU_THREADS})
 * @param debugLog whether each inference is logged at INFO ({@code CLIP_DEBUG_LOG})
 * @param modelPath a local ONNX image-tower file; when set, nothing is downloaded
 * ({@code CLIP_MODEL_PATH})
 * @param modelUrl where the model is downloaded from when no model path is set
 * ({@code CLIP_MODEL_URL})
 * @param modelSha256 the sha256 the downloaded or cached model must have
 * ({@code CLIP_MODEL_SHA256})
 * @param dimensions the length of the model's output vectors, which is the size of the
 * {@code embedding_visual_clip} column ({@code CLIP_DIMENSIONS})
 */
@ConfigurationProperties("clip")
public record ClipProperties(@DefaultValue("true") boolean enabled, @DefaultValue("ViT-B-32") String modelName,
		@DefaultValue("openai") String pretrained, @DefaultValue("cpu") String device,
		@DefaultValue("/tmp/clip_cache") Path cacheDir, @DefaultValue("true") boolean normalize,
		@DefaultValue("5.0") double timeoutS, @DefaultValue("224") int maxImageSize, Integer cpuThreads,
		@DefaultValue("false") boolean debugLog, Path modelPath, @DefaultValue(DEFAULT_MODEL_URL) String modelUrl,
		@DefaultValue(DEFAULT_MODEL_SHA256) String modelSha256, @DefaultValue("512") int dimensions) {

	/** OpenAI CLIP ViT-B/32 image tower as exported by Xenova, int8, at a pinned revision. */
	public static final String DEFAULT_MODEL_URL = "https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/"
			+ "d15189d7028b43f1d3e65039190477f6af591c2a/onnx/vision_model_quantized.onnx";

	public static final String DEFAULT_MODEL_SHA256 = "583fd1110a514667812fee7d684952aaf82a99b959760c8d7dca7e0ab9839299";

	public ClipProperties {
		device = (device == null) ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
		if (!device.equals("cpu")) {
			throw new IllegalArgumentException("CLIP_DEVICE=" + device
					+ " is not supported: CLIP runs on ONNX Runtime's CPU engine, so the only allowed value is cpu");
		}
		if (!(timeoutS > 0)) {
			throw new IllegalArgumentException("CLIP_TIMEOUT_S must be a positive number of seconds, was " + timeoutS);
		}
		if (cpuThreads != null && cpuThreads < 1) {
			throw new IllegalArgumentException("CLIP_CPU_THREADS must be at least 1 (or unset for all cores), was "
					+ cpuThreads);
		}
		if (dimensions < 1) {
			throw new IllegalArgumentException("CLIP_DIMENSIONS must be positive, was " + dimensions);
		}
		if (modelSha256 == null || !modelSha256.trim().matches("(?i)[0-9a-f]{64}")) {
			throw new IllegalArgumentException(
					"CLIP_MODEL_SHA256 must be 64 hexadecimal digits, was '" + modelSha256 + "'");
		}
		modelSha256 = modelSha256.trim().toLowerCase(Locale.ROOT);
	}

	/** The threads ONNX Runtime uses inside one operator: {@link #cpuThreads()} or all cores. */
	public int effectiveCpuThreads() {
		return (cpuThreads != null) ? cpuThreads : Runtime.getRuntime().availableProcessors();
	}

}

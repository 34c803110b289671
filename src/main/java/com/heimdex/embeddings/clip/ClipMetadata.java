package com.heimdex.embeddings.clip;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.pipeline.ImageFailure;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.PendingClipScene;
import com.heimdex.embeddings.scene.SceneClipResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds {@code visual_clip_metadata} in the seeds' shape (keys may be added, none removed or
 * renamed): model_name, pretrained, embed_dim, normalized, device, frame_path, frame_quality,
 * inference_time_ms, created_at, error; plus error_detail on failure, the source image size, and
 * what identifies the method ({@code model_sha256}, {@code method_fingerprint}: see
 * {@link ClipEmbeddingMethod}).
 */
public class ClipMetadata {

	private final JsonMapper json;

	private final ClipProperties properties;

	private final ClipEmbeddingMethod method;

	public ClipMetadata(JsonMapper json, ClipProperties properties, ClipEmbeddingMethod method) {
		this.json = json;
		this.properties = properties;
		this.method = method;
	}

	/** The rows of a chunk's scenes: each with its vector and metadata, or its failure's metadata. */
	public List<SceneClipResult> results(List<? extends PreparedImage<PendingClipScene>> scenes, Instant now,
			long executionId) {
		int dimensions = this.properties.dimensions();
		List<SceneClipResult> results = new ArrayList<>(scenes.size());
		for (PreparedImage<PendingClipScene> scene : scenes) {
			if (scene.isEmbedded()) {
				results.add(new SceneClipResult(scene.item().id(), scene.embedding(),
						success(scene, dimensions, scene.inferenceTimeMs(), now, executionId)));
			}
			else {
				results.add(new SceneClipResult(scene.item().id(), null, failure(scene, dimensions,
						errorCode(scene.failure()), scene.failure().detail(), now, executionId)));
			}
		}
		return results;
	}

	String success(PreparedImage<PendingClipScene> scene, int dimensions, double inferenceTimeMs, Instant createdAt, long executionId) {
		Map<String, Object> metadata = common(scene, dimensions, createdAt);
		metadata.put("inference_time_ms", Math.round(inferenceTimeMs * 10) / 10.0);
		metadata.put("error", null);
		metadata.put("source_width", scene.width());
		metadata.put("source_height", scene.height());
		metadata.put("job_execution_id", executionId);
		return this.json.writeValueAsString(metadata);
	}

	String failure(PreparedImage<PendingClipScene> scene, int dimensions, String error, String detail, Instant createdAt,
			long executionId) {
		Map<String, Object> metadata = common(scene, dimensions, createdAt);
		metadata.put("inference_time_ms", null);
		metadata.put("error", error);
		metadata.put("error_detail", detail);
		metadata.put("job_execution_id", executionId);
		return this.json.writeValueAsString(metadata);
	}

	/**
	 * The {@code error} code of a failure, as seeds/000's error-distribution query groups them:
	 * the image fetcher's codes ({@code thumbnail_not_found}, ...), {@code clip_timeout},
	 * {@code clip_error}, and the person detector's {@code detector_error}.
	 */
	public static String errorCode(ImageFailure failure) {
		if (failure instanceof ImageFailure.Unavailable unavailable) {
			return unavailable.reason().code();
		}
		if (failure instanceof ImageFailure.DetectionFailed) {
			return "detector_error";
		}
		return ((ImageFailure.InferenceFailed) failure).timedOut() ? "clip_timeout" : "clip_error";
	}

	private Map<String, Object> common(PreparedImage<PendingClipScene> scene, int dimensions, Instant createdAt) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("model_name", this.properties.modelName());
		metadata.put("pretrained", this.properties.pretrained());
		metadata.put("embed_dim", dimensions);
		metadata.put("normalized", this.properties.normalize());
		metadata.put("device", this.properties.device());
		metadata.put("frame_path", scene.item().thumbnailUrl());
		// The seeds ranked several frames by quality; a scene's thumbnail is a single given frame.
		metadata.put("frame_quality", null);
		metadata.put("created_at", createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
		metadata.put("model_sha256", this.method.modelSha256());
		metadata.put("method_fingerprint", this.method.fingerprint());
		return metadata;
	}

}

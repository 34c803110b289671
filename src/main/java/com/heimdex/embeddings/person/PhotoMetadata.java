package com.heimdex.embeddings.person;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.clip.ClipEmbeddingMethod;
import com.heimdex.embeddings.clip.ClipMetadata;
import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.pipeline.PreparedImage;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code person_reference_photos.embedding_metadata}, in the shape of the scenes' CLIP metadata:
 * model_name, pretrained, embed_dim, normalized, model_sha256, method_fingerprint, spec_version,
 * photo_url, source size, inference_time_ms, created_at, error (the scenes' codes:
 * {@code thumbnail_not_found}, {@code image_decode_failed}, {@code clip_timeout}, ...), error_detail
 * on failure, job_execution_id.
 */
public class PhotoMetadata {

	private final JsonMapper json;

	private final ClipProperties clip;

	private final ClipEmbeddingMethod method;

	private final String specVersion;

	public PhotoMetadata(JsonMapper json, ClipProperties clip, ClipEmbeddingMethod method, String specVersion) {
		this.json = json;
		this.clip = clip;
		this.method = method;
		this.specVersion = specVersion;
	}

	/** The rows of a chunk's photos. */
	public List<PhotoResult> results(List<? extends PreparedImage<PendingPhoto>> photos, Instant now, long executionId) {
		List<PhotoResult> results = new ArrayList<>(photos.size());
		for (PreparedImage<PendingPhoto> photo : photos) {
			Map<String, Object> metadata = new LinkedHashMap<>();
			metadata.put("model_name", this.clip.modelName());
			metadata.put("pretrained", this.clip.pretrained());
			metadata.put("embed_dim", this.clip.dimensions());
			metadata.put("normalized", this.clip.normalize());
			metadata.put("model_sha256", this.method.modelSha256());
			metadata.put("method_fingerprint", this.method.fingerprint());
			metadata.put("spec_version", this.specVersion);
			metadata.put("photo_url", photo.item().photoUrl());
			metadata.put("source_width", photo.width());
			metadata.put("source_height", photo.height());
			metadata.put("inference_time_ms", photo.isEmbedded() ? Math.round(photo.inferenceTimeMs() * 10) / 10.0 : null);
			metadata.put("created_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
			metadata.put("error", photo.isEmbedded() ? null : ClipMetadata.errorCode(photo.failure()));
			if (!photo.isEmbedded()) {
				metadata.put("error_detail", photo.failure().detail());
			}
			metadata.put("job_execution_id", executionId);
			results.add(new PhotoResult(photo.item().id(), photo.embedding(), this.json.writeValueAsString(metadata)));
		}
		return results;
	}

}

package com.heimdex.embeddings.sceneperson;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.clip.ClipMetadata;
import com.heimdex.embeddings.pipeline.PreparedImage;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code video_scenes.scene_persons_metadata}, the step's record of a scene: on success
 * {@code detections} (0 is a result), the detector, {@code method_fingerprint} (the step's),
 * {@code spec_version}, {@code frame_path}, the source size, {@code inference_time_ms} (CLIP, all
 * crops), {@code created_at}, {@code error} null, {@code job_execution_id}; on failure {@code error}
 * (the image steps' codes, and {@code detector_error}), {@code error_detail}, {@code created_at}.
 */
public final class ScenePersonsMetadata {

	private final JsonMapper json;

	private final Map<String, String> detector;

	private final String methodFingerprint;

	private final String specVersion;

	/**
	 * @param detector the detector's identity
	 * @param methodFingerprint the {@code scenePersons} step's fingerprint
	 */
	public ScenePersonsMetadata(JsonMapper json, Map<String, String> detector, String methodFingerprint,
			String specVersion) {
		this.json = json;
		this.detector = detector;
		this.methodFingerprint = methodFingerprint;
		this.specVersion = specVersion;
	}

	/** The detector's identity, as each detection stores it. */
	public String detectorJson() {
		return this.json.writeValueAsString(this.detector);
	}

	/** The results of a chunk's scenes. */
	public List<ScenePersonsResult> results(List<? extends PreparedImage<PersonScene>> scenes, Instant now,
			long executionId) {
		List<ScenePersonsResult> results = new ArrayList<>(scenes.size());
		for (PreparedImage<PersonScene> scene : scenes) {
			Map<String, Object> metadata = new LinkedHashMap<>();
			boolean failed = scene.failure() != null;
			if (!failed) {
				metadata.put("detections", scene.item().boxes().size());
			}
			metadata.put("detector", this.detector);
			metadata.put("method_fingerprint", this.methodFingerprint);
			metadata.put("spec_version", this.specVersion);
			metadata.put("frame_path", scene.item().thumbnailUrl());
			metadata.put("source_width", scene.width());
			metadata.put("source_height", scene.height());
			metadata.put("inference_time_ms", failed ? null : Math.round(scene.inferenceTimeMs() * 10) / 10.0);
			metadata.put("created_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
			metadata.put("error", failed ? ClipMetadata.errorCode(scene.failure()) : null);
			if (failed) {
				metadata.put("error_detail", scene.failure().detail());
			}
			metadata.put("job_execution_id", executionId);
			results.add(new ScenePersonsResult(scene.item().id(), scene.item().ownerId(),
					failed ? null : scene.item().detections(), this.json.writeValueAsString(metadata)));
		}
		return results;
	}

}

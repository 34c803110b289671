package com.heimdex.embeddings.sceneperson;

import java.nio.file.Path;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the person detector of the {@code scenePersons} step. Operators set them by
 * environment names ({@code PERSON_DETECTOR_MODEL_PATH}, {@code PERSON_DETECTOR_FORMAT}, ...),
 * which bind here by relaxed binding. Without a model path or URL the detector is off.
 *
 * @param modelPath a local ONNX detector file; when set, nothing is downloaded
 * ({@code PERSON_DETECTOR_MODEL_PATH})
 * @param modelUrl where the detector is downloaded from when no model path is set; no default, a
 * detector is chosen by the operator ({@code PERSON_DETECTOR_MODEL_URL})
 * @param modelSha256 the sha256 the downloaded or cached model must have, required with a URL
 * ({@code PERSON_DETECTOR_MODEL_SHA256})
 * @param cacheDir the directory the downloaded model is kept in; unset means the CLIP model's
 * ({@code PERSON_DETECTOR_CACHE_DIR}, else {@code CLIP_CACHE_DIR})
 * @param format the model's tensor contract: {@code ultraface} or {@code yolov8}
 * ({@code PERSON_DETECTOR_FORMAT})
 * @param scoreThreshold the score a box must exceed to count; unset means the format's default
 * (ultraface 0.7, yolov8 0.5) ({@code PERSON_DETECTOR_SCORE_THRESHOLD})
 * @param nmsIou non-maximum suppression drops a box that overlaps a higher-scored kept box by more
 * than this intersection over union; unset means the format's default (ultraface 0.3, yolov8 0.7)
 * ({@code PERSON_DETECTOR_NMS_IOU})
 * @param minBoxSide boxes narrower or lower than this many source pixels are dropped
 * ({@code PERSON_DETECTOR_MIN_BOX_SIDE})
 * @param maxPersons at most this many persons per scene, the highest scores kept
 * ({@code PERSON_DETECTOR_MAX_PERSONS})
 * @param cropMargin each box is grown by this fraction of its width on the left and on the right,
 * and of its height above and below, before it is cropped and embedded
 * ({@code PERSON_DETECTOR_CROP_MARGIN})
 */
@ConfigurationProperties("person-detector")
public record PersonDetectorProperties(Path modelPath, String modelUrl, String modelSha256, Path cacheDir,
		@DefaultValue("yolov8") String format, Double scoreThreshold, Double nmsIou,
		@DefaultValue("32") int minBoxSide, @DefaultValue("10") int maxPersons,
		@DefaultValue("0.1") double cropMargin) {

	public PersonDetectorProperties {
		if (modelPath != null && modelPath.toString().isBlank()) {
			modelPath = null;
		}
		modelUrl = (modelUrl == null || modelUrl.isBlank()) ? null : modelUrl.trim();
		modelSha256 = (modelSha256 == null || modelSha256.isBlank()) ? null
				: modelSha256.trim().toLowerCase(Locale.ROOT);
		format = DetectorFormat.named(format).settingName();
		if (modelPath == null && modelUrl != null && modelSha256 == null) {
			throw new IllegalArgumentException("PERSON_DETECTOR_MODEL_URL needs PERSON_DETECTOR_MODEL_SHA256, the sha256"
					+ " the downloaded model must have");
		}
		if (modelSha256 != null && !modelSha256.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException(
					"PERSON_DETECTOR_MODEL_SHA256 must be 64 hexadecimal digits, was '" + modelSha256 + "'");
		}
		if (scoreThreshold != null && !(scoreThreshold >= 0 && scoreThreshold < 1)) {
			throw new IllegalArgumentException(
					"PERSON_DETECTOR_SCORE_THRESHOLD must be at least 0 and below 1, was " + scoreThreshold);
		}
		if (nmsIou != null && !(nmsIou > 0 && nmsIou <= 1)) {
			throw new IllegalArgumentException("PERSON_DETECTOR_NMS_IOU must be above 0 and at most 1, was " + nmsIou);
		}
		if (minBoxSide < 1) {
			throw new IllegalArgumentException("PERSON_DETECTOR_MIN_BOX_SIDE must be at least 1 pixel, was " + minBoxSide);
		}
		if (maxPersons < 1) {
			throw new IllegalArgumentException("PERSON_DETECTOR_MAX_PERSONS must be at least 1, was " + maxPersons);
		}
		if (!(cropMargin >= 0 && cropMargin <= 1)) {
			throw new IllegalArgumentException("PERSON_DETECTOR_CROP_MARGIN must be from 0 to 1 (a fraction of the"
					+ " box's side), was " + cropMargin);
		}
	}

	/** Whether a detector model is configured (a path or a URL); without one the detector is off. */
	public boolean configured() {
		return this.modelPath != null || this.modelUrl != null;
	}

	/** The format {@link #format()} names. */
	public DetectorFormat detectorFormat() {
		return DetectorFormat.named(this.format);
	}

	/** {@link #scoreThreshold()}, or the format's default. */
	public double effectiveScoreThreshold() {
		return (this.scoreThreshold != null) ? this.scoreThreshold : detectorFormat().defaultScoreThreshold();
	}

	/** {@link #nmsIou()}, or the format's default. */
	public double effectiveNmsIou() {
		return (this.nmsIou != null) ? this.nmsIou : detectorFormat().defaultNmsIou();
	}

}

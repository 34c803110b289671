package com.heimdex.embeddings.sceneperson;

import java.nio.file.Path;
import java.util.Optional;

import com.heimdex.embeddings.modelfile.ModelFileSource;

/**
 * Whether the person detector is on, and with what: for the start banner, {@code help} and the
 * embedding spec, which name a switched-off detector and why. Present whether or not a detector
 * is configured; the {@link PersonDetector} bean exists only when it is on.
 */
public final class PersonDetectorSettings {

	/** Why the detector is off when no model is configured. */
	public static final String NOT_CONFIGURED = "no PERSON_DETECTOR_MODEL_PATH or PERSON_DETECTOR_MODEL_URL";

	private final PersonDetectorProperties properties;

	private final Path cacheDir;

	private final String cacheDirSetting;

	/**
	 * @param properties the detector's settings
	 * @param sharedCacheDir the CLIP model's cache directory, used when
	 * {@code PERSON_DETECTOR_CACHE_DIR} is unset
	 */
	public PersonDetectorSettings(PersonDetectorProperties properties, Path sharedCacheDir) {
		this.properties = properties;
		boolean own = properties.cacheDir() != null;
		this.cacheDir = own ? properties.cacheDir() : sharedCacheDir;
		this.cacheDirSetting = own ? "PERSON_DETECTOR_CACHE_DIR" : "CLIP_CACHE_DIR";
	}

	/** Whether a detector model is configured, so that scenes' persons are detected. */
	public boolean enabled() {
		return this.properties.configured();
	}

	/** Why the detector is off; empty when it is on. */
	public Optional<String> offReason() {
		return enabled() ? Optional.empty() : Optional.of(NOT_CONFIGURED);
	}

	public PersonDetectorProperties properties() {
		return this.properties;
	}

	public DetectorFormat format() {
		return this.properties.detectorFormat();
	}

	/** One line for the start banner, e.g. {@code yolov8, score > 0.5, NMS IoU 0.7, ...} or {@code off (...)}. */
	public String describe() {
		if (!enabled()) {
			return "off (" + NOT_CONFIGURED + ")";
		}
		PersonDetectorProperties p = this.properties;
		String model = (p.modelPath() != null) ? p.modelPath().toString() : p.modelUrl();
		return format() + " model " + model + ", score > " + p.effectiveScoreThreshold() + ", NMS IoU "
				+ p.effectiveNmsIou() + ", min side " + p.minBoxSide() + " px, max " + p.maxPersons()
				+ " persons per scene, crop margin " + p.cropMargin();
	}

	/** Where the model file comes from, as the application's model locator takes it. */
	ModelFileSource modelSource() {
		return new ModelFileSource("person detector model", "PERSON_DETECTOR", this.properties.modelPath(),
				this.properties.modelUrl(), this.properties.modelSha256(), this.cacheDir, this.cacheDirSetting);
	}

}

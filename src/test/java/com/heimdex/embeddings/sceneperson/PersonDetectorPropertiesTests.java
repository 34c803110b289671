package com.heimdex.embeddings.sceneperson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The detector's settings: environment names, defaults per format, what is refused, off without a model. */
class PersonDetectorPropertiesTests {

	@Test
	void withoutAModelTheDetectorIsOffAndSaysWhy() {
		// when
		PersonDetectorSettings settings = new PersonDetectorSettings(DetectorTestSupport.properties(Map.of()),
				Path.of("/tmp/clip_cache"));

		// then
		assertThat(settings.enabled()).isFalse();
		assertThat(settings.offReason()).contains("no PERSON_DETECTOR_MODEL_PATH or PERSON_DETECTOR_MODEL_URL");
		assertThat(settings.describe()).isEqualTo("off (no PERSON_DETECTOR_MODEL_PATH or PERSON_DETECTOR_MODEL_URL)");
	}

	@Test
	void defaultsAreYolov8WithItsThresholdsAndTheCommonLimits() {
		// when
		PersonDetectorProperties properties = DetectorTestSupport.properties(Map.of());

		// then
		assertThat(properties.detectorFormat()).isEqualTo(DetectorFormat.YOLOV8);
		assertThat(properties.effectiveScoreThreshold()).isEqualTo(0.5);
		assertThat(properties.effectiveNmsIou()).isEqualTo(0.7);
		assertThat(properties.minBoxSide()).isEqualTo(32);
		assertThat(properties.maxPersons()).isEqualTo(10);
		assertThat(properties.cropMargin()).isEqualTo(0.1);
		assertThat(properties.configured()).isFalse();
	}

	@Test
	void ultrafaceHasItsReferenceThresholds() {
		// when
		PersonDetectorProperties properties = DetectorTestSupport.properties(Map.of("PERSON_DETECTOR_FORMAT", "UltraFace"));

		// then
		assertThat(properties.format()).isEqualTo("ultraface");
		assertThat(properties.effectiveScoreThreshold()).isEqualTo(0.7);
		assertThat(properties.effectiveNmsIou()).isEqualTo(0.3);
	}

	@Test
	void bindsTheOperatorsEnvironmentNames() {
		// given
		Map<String, String> environment = Map.ofEntries(Map.entry("PERSON_DETECTOR_MODEL_URL", "https://models/yolov8n.onnx"),
				Map.entry("PERSON_DETECTOR_MODEL_SHA256", "AB".repeat(32)),
				Map.entry("PERSON_DETECTOR_CACHE_DIR", "/var/cache/detector"),
				Map.entry("PERSON_DETECTOR_FORMAT", "yolov8"), Map.entry("PERSON_DETECTOR_SCORE_THRESHOLD", "0.6"),
				Map.entry("PERSON_DETECTOR_NMS_IOU", "0.5"), Map.entry("PERSON_DETECTOR_MIN_BOX_SIDE", "48"),
				Map.entry("PERSON_DETECTOR_MAX_PERSONS", "4"), Map.entry("PERSON_DETECTOR_CROP_MARGIN", "0.25"));

		// when
		PersonDetectorProperties properties = DetectorTestSupport.properties(environment);

		// then
		assertThat(properties).isEqualTo(new PersonDetectorProperties(null, "https://models/yolov8n.onnx", "ab".repeat(32),
				Path.of("/var/cache/detector"), "yolov8", 0.6, 0.5, 48, 4, 0.25));
		assertThat(properties.configured()).isTrue();
		assertThat(properties.effectiveScoreThreshold()).isEqualTo(0.6);
		assertThat(properties.effectiveNmsIou()).isEqualTo(0.5);
	}

	@Test
	void theModelIsCachedWithTheClipModelUnlessItHasItsOwnCacheDirectory() {
		// given
		Map<String, String> download = Map.of("PERSON_DETECTOR_MODEL_URL", "https://models/yolov8n.onnx",
				"PERSON_DETECTOR_MODEL_SHA256", "ab".repeat(32));
		Path clipCache = Path.of("/tmp/clip_cache");

		// when
		PersonDetectorSettings shared = new PersonDetectorSettings(DetectorTestSupport.properties(download), clipCache);
		PersonDetectorSettings own = new PersonDetectorSettings(DetectorTestSupport.properties(
				Map.of("PERSON_DETECTOR_MODEL_URL", "https://models/yolov8n.onnx", "PERSON_DETECTOR_MODEL_SHA256",
						"ab".repeat(32), "PERSON_DETECTOR_CACHE_DIR", "/var/cache/detector")), clipCache);

		// then
		assertThat(shared.modelSource().cacheDir()).isEqualTo(clipCache);
		assertThat(shared.modelSource().cacheDirSetting()).isEqualTo("CLIP_CACHE_DIR");
		assertThat(own.modelSource().cacheDir()).isEqualTo(Path.of("/var/cache/detector"));
		assertThat(own.modelSource().cacheDirSetting()).isEqualTo("PERSON_DETECTOR_CACHE_DIR");
	}

	@Test
	void anUnknownFormatIsRefusedListingTheAllowedNames() {
		assertThatThrownBy(() -> DetectorTestSupport.properties(Map.of("PERSON_DETECTOR_FORMAT", "ssd")))
			.rootCause()
			.hasMessage("PERSON_DETECTOR_FORMAT=ssd is not a detector format; allowed: ultraface, yolov8");
	}

	@Test
	void aUrlWithoutItsSha256IsRefused() {
		assertThatThrownBy(
				() -> DetectorTestSupport.properties(Map.of("PERSON_DETECTOR_MODEL_URL", "https://models/yolov8n.onnx")))
			.rootCause()
			.hasMessageContaining("PERSON_DETECTOR_MODEL_URL needs PERSON_DETECTOR_MODEL_SHA256");
	}

	@Test
	void outOfRangeLimitsAreRefusedNamingTheSetting() {
		Map<String, String> wrong = Map.of("PERSON_DETECTOR_SCORE_THRESHOLD", "1.5", "PERSON_DETECTOR_NMS_IOU", "0",
				"PERSON_DETECTOR_MIN_BOX_SIDE", "0", "PERSON_DETECTOR_MAX_PERSONS", "0", "PERSON_DETECTOR_CROP_MARGIN",
				"-0.1");
		wrong.forEach((name, value) -> assertThatThrownBy(() -> DetectorTestSupport.properties(Map.of(name, value)))
			.rootCause()
			.asInstanceOf(InstanceOfAssertFactories.THROWABLE)
			.hasMessageContaining(name));
	}

}

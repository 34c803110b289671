package com.heimdex.embeddings.sceneperson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.modelfile.InvalidModelException;
import com.heimdex.embeddings.testmodel.GeneratedClipModel;
import com.heimdex.embeddings.testmodel.GeneratedDetectorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model that does not fit the named format is refused when loaded, naming both shapes and the fix. */
class PersonDetectorContractTests {

	@TempDir
	Path dir;

	@Test
	void anUltrafaceModelNamedYolov8IsRefusedNamingBothInputShapes() {
		// given
		Path model = DetectorTestSupport.ultrafaceModel();

		// when / then
		assertThatThrownBy(() -> DetectorTestSupport.detector(model, "yolov8", Map.of()))
			.isInstanceOf(InvalidModelException.class)
			.hasMessageContaining("does not fit PERSON_DETECTOR_FORMAT=yolov8")
			.hasMessageContaining("expected input [1,3,640,640] float32 and one output [1,84,N] float32")
			.hasMessageContaining("found input 'input' [1,3,240,320] float32")
			.hasMessageContaining("Set PERSON_DETECTOR_FORMAT to the model's format (allowed: ultraface, yolov8)");
	}

	@Test
	void aYolov8ModelNamedUltrafaceIsRefusedNamingBothInputShapes() {
		// given
		Path model = DetectorTestSupport.yolov8Model();

		// when / then
		assertThatThrownBy(() -> DetectorTestSupport.detector(model, "ultraface", Map.of()))
			.isInstanceOf(InvalidModelException.class)
			.hasMessageContaining("expected input [1,3,240,320] float32 and 'scores' [1,N,2] and 'boxes' [1,N,4] float32")
			.hasMessageContaining("found input 'images' [1,3,640,640] float32");
	}

	@Test
	void aModelWithTheRightInputButOtherOutputsIsRefusedNamingBothOutputShapes() {
		// given: UltraFace's outputs on YOLOv8's input
		Path model = this.dir.resolve("ultraface-outputs.onnx");
		GeneratedDetectorModel.writeUltraface(model, 640, 640);

		// when / then
		assertThatThrownBy(() -> DetectorTestSupport.detector(model, "yolov8", Map.of()))
			.isInstanceOf(InvalidModelException.class)
			.hasMessageContaining("one output [1,84,N] float32")
			.hasMessageContaining("found outputs 'scores' [1,4420,2] float32, 'boxes' [1,4420,4] float32");
	}

	@Test
	void aClipImageTowerIsNoDetector() {
		// given
		Path model = this.dir.resolve("clip.onnx");
		GeneratedClipModel.writeSmall(model, 16, 1);

		// when / then
		assertThatThrownBy(() -> DetectorTestSupport.detector(model, "ultraface", Map.of()))
			.isInstanceOf(InvalidModelException.class)
			.hasMessageContaining("found input 'pixel_values' [?,3,224,224] float32");
	}

	@Test
	void aMissingModelFileIsAnInvalidSettingNamingIt() {
		// given
		Path missing = this.dir.resolve("absent.onnx");

		// when / then
		assertThatThrownBy(() -> DetectorTestSupport.detector(missing, "ultraface", Map.of()))
			.isInstanceOf(InvalidModelException.class)
			.hasMessageContaining("PERSON_DETECTOR_MODEL_PATH=" + missing);
	}

	@Test
	void theIdentityNamesTheModelItsHashAndEverySettingThatChangesTheBoxes() throws Exception {
		// given
		Path model = DetectorTestSupport.yolov8Model();

		// when
		Map<String, String> identity;
		try (PersonDetector detector = DetectorTestSupport.detector(model, "yolov8",
				Map.of("PERSON_DETECTOR_MIN_BOX_SIDE", "48", "PERSON_DETECTOR_CROP_MARGIN", "0.2"))) {
			identity = detector.identity();
		}

		// then
		assertThat(identity).containsEntry("format", "yolov8")
			.containsEntry("model_file", "yolov8.onnx")
			.containsEntry("model_sha256", Sha256.of(model))
			.containsEntry("input_size", "640x640")
			.containsEntry("score_threshold", "0.5")
			.containsEntry("nms_iou", "0.7")
			.containsEntry("min_box_side", "48")
			.containsEntry("max_persons", "10")
			.containsEntry("crop_margin", "0.2")
			.containsKey("preprocessing");
	}

}

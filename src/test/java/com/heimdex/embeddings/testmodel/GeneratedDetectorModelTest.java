package com.heimdex.embeddings.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated detectors declare the formats' real contracts and find bright squares where they are. */
class GeneratedDetectorModelTest {

	@TempDir
	Path dir;

	@Test
	void ultrafaceDeclaresVersionRfb320sContractAndBoxesTheRedAndGreenSquares() throws Exception {
		// given
		Path file = dir.resolve("ultraface.onnx");
		GeneratedDetectorModel.writeUltraface(file);
		int width = 320;
		int height = 240;
		float dark = (20 - 127) / 128f;
		float[] pixels = filled(3 * width * height, dark);
		paint(pixels, width, height, 0, 32, 24, 96, 120, (255 - 127) / 128f);
		paint(pixels, width, height, 1, 200, 100, 240, 180, (255 - 127) / 128f);

		// when
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
				OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] { 1, 3, height, width });
				OrtSession.Result result = session.run(Map.of("input", input))) {
			float[][][] scores = (float[][][]) result.get("scores").orElseThrow().getValue();
			float[][][] boxes = (float[][][]) result.get("boxes").orElseThrow().getValue();

			// then
			assertThat(((TensorInfo) session.getInputInfo().get("input").getInfo()).getShape()).containsExactly(1, 3, 240,
					320);
			assertThat(((TensorInfo) session.getOutputInfo().get("scores").getInfo()).getShape()).containsExactly(1, 4420,
					2);
			assertThat(scores[0]).hasNumberOfRows(4420);
			assertThat(boxes[0]).hasNumberOfRows(4420);
			assertThat(boxes[0][0]).containsExactly(new float[] { 32 / 320f, 24 / 240f, 96 / 320f, 120 / 240f },
					within(1e-6f));
			assertThat(scores[0][0]).containsExactly(new float[] { 1 - 0.95f, 0.95f }, within(1e-6f));
			assertThat(boxes[0][1][0]).isCloseTo((32 + 6.4f) / 320f, within(1e-6f));
			assertThat(boxes[0][2]).containsExactly(new float[] { 200 / 320f, 100 / 240f, 240 / 320f, 180 / 240f },
					within(1e-6f));
			assertThat(scores[0][4][1]).isCloseTo(0.3f, within(1e-6f));
			assertThat(scores[0][5]).containsExactly(1f, 0f);
			assertThat(boxes[0][4419]).containsExactly(0f, 0f, 0f, 0f);
		}
	}

	@Test
	void yolov8DeclaresUltralyticsExportContractAndGivesCentreAndSizeInInputPixels() throws Exception {
		// given
		Path file = dir.resolve("yolov8.onnx");
		GeneratedDetectorModel.writeYolov8(file);
		int size = 640;
		float[] pixels = filled(3 * size * size, 20 / 255f);
		paint(pixels, size, size, 0, 100, 200, 300, 500, 1f);

		// when
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
				OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] { 1, 3, size, size });
				OrtSession.Result result = session.run(Map.of("images", input))) {
			float[][][] output = (float[][][]) result.get("output0").orElseThrow().getValue();

			// then
			assertThat(((TensorInfo) session.getOutputInfo().get("output0").getInfo()).getShape()).containsExactly(1, 84,
					8400);
			assertThat(output[0]).hasNumberOfRows(84);
			assertThat(output[0][0]).hasSize(8400);
			assertThat(new float[] { output[0][0][0], output[0][1][0], output[0][2][0], output[0][3][0], output[0][4][0] })
				.containsExactly(new float[] { 200, 350, 200, 300, 0.95f }, within(1e-4f));
			assertThat(output[0][4][2]).as("no green square, no person B").isZero();
			assertThat(output[0][4][5]).isCloseTo(0.6f, within(1e-6f));
			assertThat(output[0][6][5]).isCloseTo(0.9f, within(1e-6f));
			assertThat(output[0][4][8399]).isZero();
		}
	}

	private static float[] filled(int length, float value) {
		float[] values = new float[length];
		java.util.Arrays.fill(values, value);
		return values;
	}

	/** Sets one channel to {@code value} over columns x1..x2-1 and rows y1..y2-1. */
	private static void paint(float[] chw, int width, int height, int channel, int x1, int y1, int x2, int y2,
			float value) {
		for (int y = y1; y < y2; y++) {
			for (int x = x1; x < x2; x++) {
				chw[channel * width * height + y * width + x] = value;
			}
		}
	}

}

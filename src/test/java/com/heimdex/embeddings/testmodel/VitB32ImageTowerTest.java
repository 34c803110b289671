package com.heimdex.embeddings.testmodel;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class VitB32ImageTowerTest {

	/** Parameters of the MatMul weights: per block q, k, v, out (768x768) and fc1, fc2 (768x3072); the projection. */
	private static final long MATMUL_WEIGHTS = 12 * (4 * 768 * 768 + 2 * 768 * 3072) + 768 * 512;

	private static final long PATCH_CONVOLUTION_WEIGHTS = 768 * 3 * 32 * 32;

	/** MatMuls with a weight: six per block and the projection. */
	private static final int WEIGHT_MATMULS = 12 * 6 + 1;

	@TempDir
	Path directory;

	@Test
	void theFloatModelHoldsTheParametersOfViTB32() throws Exception {
		// given
		Path file = this.directory.resolve("fp32.onnx");

		// when
		VitB32ImageTower.write(file, VitB32ImageTower.Precision.FP32, 1);

		// then
		assertThat(Files.size(file)).isBetween(4 * VitB32ImageTower.PARAMETERS, 4 * VitB32ImageTower.PARAMETERS + (1 << 20));
	}

	@Test
	void theInt8ModelIsQuantisedAsTheDefaultModelWasAndRunsAsTheClipContractSays() throws Exception {
		// given
		Path file = this.directory.resolve("int8.onnx");
		long quantised = MATMUL_WEIGHTS + PATCH_CONVOLUTION_WEIGHTS;

		// when
		VitB32ImageTower.write(file, VitB32ImageTower.Precision.INT8, 1);

		// then: 8-bit weights for the MatMuls and the patch convolution, float32 for the rest
		assertHoldsWeightsOfOneByteFor(file, quantised);
		assertThat(VitB32ImageTower.graph(VitB32ImageTower.Precision.INT8, 1, 12).operatorCounts())
			.containsEntry("MatMulInteger", WEIGHT_MATMULS)
			.containsEntry("ConvInteger", 1)
			.containsEntry("MatMul", 2 * 12)
			.doesNotContainKey("Conv");
		assertRunsAsTheClipContractSays(file);
	}

	@Test
	void theSignedInt8ModelQuantisesOnlyTheWeightMatMuls() throws Exception {
		// given
		Path file = this.directory.resolve("int8-signed.onnx");

		// when
		VitB32ImageTower.write(file, VitB32ImageTower.Precision.named("int8-signed"), 1);

		// then
		assertHoldsWeightsOfOneByteFor(file, MATMUL_WEIGHTS);
		assertThat(VitB32ImageTower.graph(VitB32ImageTower.Precision.INT8_SIGNED, 1, 12).operatorCounts())
			.containsEntry("MatMulInteger", WEIGHT_MATMULS)
			.containsEntry("Conv", 1)
			.containsEntry("MatMul", 2 * 12)
			.doesNotContainKey("ConvInteger");
		assertRunsAsTheClipContractSays(file);
	}

	/** One byte for each of {@code quantised} parameters, four for the others, and under 1 MiB besides. */
	private static void assertHoldsWeightsOfOneByteFor(Path file, long quantised) throws Exception {
		long weights = quantised + 4 * (VitB32ImageTower.PARAMETERS - quantised);
		assertThat(Files.size(file)).isBetween(weights, weights + (1 << 20));
	}

	private static void assertRunsAsTheClipContractSays(Path file) throws Exception {
		float[][] vectors = embed(file, 3);
		assertThat(vectors).hasDimensions(3, 512);
		assertThat(vectors[0]).isNotEqualTo(vectors[2]);
		for (float[] vector : vectors) {
			for (float value : vector) {
				assertThat(value).isFinite();
			}
		}
	}

	@Test
	void eachBlockAddsTheParametersOfOneViTB32EncoderLayerAndTheFloatModelRuns() throws Exception {
		// given
		Path one = this.directory.resolve("one.onnx");
		Path two = this.directory.resolve("two.onnx");
		long perLayer = 4 * (768 * 768 + 768) + (768 * 3072 + 3072) + (3072 * 768 + 768) + 2 * 2 * 768;

		// when
		VitB32ImageTower.write(one, VitB32ImageTower.Precision.FP32, 1, 1);
		VitB32ImageTower.write(two, VitB32ImageTower.Precision.FP32, 1, 2);

		// then
		assertThat(Files.size(two) - Files.size(one)).isBetween(4 * perLayer, 4 * perLayer + 4096);
		float[][] vectors = embed(two, 2);
		assertThat(vectors).hasDimensions(2, 512);
		assertThat(vectors[0]).isNotEqualTo(vectors[1]);
	}

	private static float[][] embed(Path file, int images) throws Exception {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		float[] pixels = new float[images * 3 * 224 * 224];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (float) Math.sin(i * (0.001 + 0.0001 * (i / (3 * 224 * 224))));
		}
		try (OrtSession session = environment.createSession(file.toString(), new OrtSession.SessionOptions());
				OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels),
						new long[] { images, 3, 224, 224 });
				OrtSession.Result result = session.run(Map.of(GeneratedClipModel.INPUT_NAME, input))) {
			TensorInfo inputInfo = (TensorInfo) session.getInputInfo().get(GeneratedClipModel.INPUT_NAME).getInfo();
			assertThat(inputInfo.getShape()).containsExactly(-1, 3, 224, 224);
			return (float[][]) result.get(GeneratedClipModel.OUTPUT_NAME).orElseThrow().getValue();
		}
	}

}

package com.heimdex.embeddings.testmodel;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedClipModelTest {

	@TempDir
	Path dir;

	@Test
	void declaresTheClipImageTowerContractWithASymbolicBatch() throws Exception {
		// given
		Path file = dir.resolve("model.onnx");
		GeneratedClipModel.writeSmall(file, 64, 7);

		// when
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
			NodeInfo input = session.getInputInfo().get("pixel_values");
			NodeInfo output = session.getOutputInfo().get("image_embeds");

			// then
			TensorInfo inputInfo = (TensorInfo) input.getInfo();
			assertThat(inputInfo.getShape()).containsExactly(-1, 3, 224, 224);
			assertThat(inputInfo.getDimensionNames()).containsExactly("N", "", "", "");
			assertThat(((TensorInfo) output.getInfo()).getShape()).containsExactly(-1, 64);
		}
	}

	@Test
	void computesOneVectorPerImageThatDependsOnTheImage() throws Exception {
		// given
		Path file = dir.resolve("model.onnx");
		GeneratedClipModel.writeSmall(file, 16, 7);
		int perImage = 3 * 224 * 224;
		float[] pixels = new float[2 * perImage];
		for (int i = 0; i < perImage; i++) {
			pixels[i] = (float) Math.sin(i * 0.001);
			pixels[perImage + i] = (float) Math.cos(i * 0.003);
		}

		// when
		OrtEnvironment env = OrtEnvironment.getEnvironment();
		float[][] vectors;
		try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
				OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] { 2, 3, 224, 224 });
				OrtSession.Result result = session.run(Map.of("pixel_values", input))) {
			vectors = (float[][]) result.get(0).getValue();
		}

		// then
		assertThat(vectors).hasDimensions(2, 16);
		assertThat(vectors[0]).isNotEqualTo(vectors[1]);
	}

	@Test
	void sameSeedGivesTheSameFileAndAnotherSeedAnother() throws Exception {
		// given
		Path first = dir.resolve("a.onnx");
		Path same = dir.resolve("b.onnx");
		Path other = dir.resolve("c.onnx");

		// when
		GeneratedClipModel.writeSmall(first, 32, 1);
		GeneratedClipModel.writeSmall(same, 32, 1);
		GeneratedClipModel.writeSmall(other, 32, 2);

		// then
		assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(same));
		assertThat(Files.readAllBytes(first)).isNotEqualTo(Files.readAllBytes(other));
	}

}

package com.heimdex.embeddings.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.heimdex.embeddings.testmodel.GeneratedClipModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipImageEmbedderTest {

	private static final int DIMENSIONS = 64;

	@TempDir
	static Path dir;

	private static Path model;

	private static ClipImageEmbedder embedder;

	@BeforeAll
	static void loadAGeneratedModel() {
		model = dir.resolve("clip.onnx");
		GeneratedClipModel.writeSmall(model, DIMENSIONS, 11);
		embedder = embedder(model, Map.of());
	}

	@AfterAll
	static void closeEmbedder() {
		embedder.close();
	}

	@Test
	void loadsTheGeneratedModelThroughOnnxRuntimeAndDescribesIt() {
		// when
		ClipModelInfo info = embedder.info();

		// then
		assertThat(info.inputName()).isEqualTo("pixel_values");
		assertThat(info.outputName()).isEqualTo("image_embeds");
		assertThat(info.dimensions()).isEqualTo(DIMENSIONS);
		assertThat(info.modelFile()).isEqualTo(model);
		assertThat(info.modelName()).isEqualTo("ViT-B-32");
		assertThat(info.pretrained()).isEqualTo("openai");
		assertThat(info.device()).isEqualTo("cpu");
		assertThat(info.cpuThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(info.loadTimeMs()).isNotNegative();
	}

	@Test
	void returnsOneUnitLengthVectorPerImage() throws Exception {
		// when
		List<float[]> vectors = embed(embedder, List.of(image(1), image(2), image(3)));

		// then
		assertThat(vectors).hasSize(3).allSatisfy((vector) -> {
			assertThat(vector).hasSize(DIMENSIONS);
			assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
		});
	}

	@Test
	void leavesVectorsUnnormalisedWhenNormalizeIsOff() throws Exception {
		// given
		try (ClipImageEmbedder raw = embedder(model, Map.of("CLIP_NORMALIZE", "false"))) {
			// when
			float[] unnormalised = embed(raw, List.of(image(1))).get(0);
			float[] normalised = embed(embedder, List.of(image(1))).get(0);

			// then
			double norm = norm(unnormalised);
			assertThat(norm).isNotCloseTo(1.0, within(1e-3));
			for (int i = 0; i < DIMENSIONS; i++) {
				assertThat(unnormalised[i] / norm).isCloseTo(normalised[i], within(1e-5));
			}
		}
	}

	@Test
	void theSameImageGivesTheSameVectorAndDifferentImagesDifferentOnes() throws Exception {
		// when
		List<float[]> vectors = embed(embedder, List.of(image(1), image(1), image(2)));

		// then
		assertThat(vectors.get(0)).isEqualTo(vectors.get(1));
		assertThat(cosine(vectors.get(0), vectors.get(2))).isLessThan(0.95);
	}

	@Test
	void aBatchGivesWhatSingleCallsGive() throws Exception {
		// given
		List<float[]> images = List.of(image(4), image(5), image(6), image(7), image(8));

		// when
		List<float[]> batched = embed(embedder, images);
		List<float[]> single = new ArrayList<>();
		for (float[] image : images) {
			single.add(embed(embedder, List.of(image)).get(0));
		}

		// then
		for (int i = 0; i < images.size(); i++) {
			for (int d = 0; d < DIMENSIONS; d++) {
				assertThat(batched.get(i)[d]).isCloseTo(single.get(i)[d], within(1e-5f));
			}
		}
	}

	@Test
	void embedsImagesFromADirectBufferStartingAtItsPosition() throws Exception {
		// given: one image of padding, then two images
		FloatBuffer pixels = ByteBuffer.allocateDirect(3 * ClipImageEmbedder.FLOATS_PER_IMAGE * Float.BYTES)
			.order(ByteOrder.nativeOrder())
			.asFloatBuffer();
		pixels.put(image(99)).put(image(1)).put(image(2)).position(ClipImageEmbedder.FLOATS_PER_IMAGE);

		// when
		float[][] vectors = embedder.embedBatch(pixels, 2);

		// then
		List<float[]> expected = embed(embedder, List.of(image(1), image(2)));
		assertThat(vectors[0]).containsExactly(expected.get(0), within(1e-6f));
		assertThat(vectors[1]).containsExactly(expected.get(1), within(1e-6f));
		assertThat(pixels.position()).isEqualTo(ClipImageEmbedder.FLOATS_PER_IMAGE);
	}

	@Test
	void aBatchStartedWhileAnotherRunsGetsItsOwnVectors() throws Exception {
		// given: two batches in two buffers
		FloatBuffer first = FloatBuffer.allocate(3 * ClipImageEmbedder.FLOATS_PER_IMAGE);
		first.put(image(1)).put(image(2)).put(image(3)).flip();
		FloatBuffer second = FloatBuffer.allocate(2 * ClipImageEmbedder.FLOATS_PER_IMAGE);
		second.put(image(4)).put(image(5)).flip();

		// when: the second is started before the first is awaited
		ClipImageEmbedder.RunningBatch running = embedder.startBatch(first, 3, 60);
		ClipImageEmbedder.RunningBatch queued = embedder.startBatch(second, 2, 60);
		float[][] firstVectors = running.vectors();
		float[][] secondVectors = queued.vectors();

		// then
		List<float[]> expected = embed(embedder, List.of(image(1), image(2), image(3), image(4), image(5)));
		for (int i = 0; i < 3; i++) {
			assertThat(firstVectors[i]).containsExactly(expected.get(i), within(1e-6f));
		}
		for (int i = 0; i < 2; i++) {
			assertThat(secondVectors[i]).containsExactly(expected.get(3 + i), within(1e-6f));
		}
	}

	@Test
	void anInferenceOverItsBudgetTimesOutAndTheNextOneStillRuns() throws Exception {
		// given
		FloatBuffer pixels = FloatBuffer.allocate(8 * ClipImageEmbedder.FLOATS_PER_IMAGE);
		for (int i = 0; i < 8; i++) {
			pixels.put(image(i));
		}
		pixels.flip();

		// when / then
		assertThatThrownBy(() -> embedder.embedBatch(pixels, 8, 1e-9)).isInstanceOf(ClipTimeoutException.class)
			.hasMessageContaining("8 image(s)")
			.satisfies((ex) -> assertThat(((ClipTimeoutException) ex).errorCode()).isEqualTo("clip_timeout"));
		assertThat(embedder.embedBatch(pixels, 8)).hasNumberOfRows(8);
	}

	@Test
	void aTinyConfiguredTimeoutAppliesToEveryCall() {
		try (ClipImageEmbedder impatient = embedder(model, Map.of("CLIP_TIMEOUT_S", "0.000000001"))) {
			impatient.info();
			assertThatThrownBy(() -> embed(impatient, List.of(image(1), image(2), image(3))))
				.isInstanceOf(ClipTimeoutException.class);
		}
	}

	@Test
	void aModelOfOtherDimensionsIsRefusedNamingBoth() {
		try (ClipImageEmbedder mismatched = embedder(model, Map.of("CLIP_DIMENSIONS", "512"))) {
			assertThatThrownBy(mismatched::info).isInstanceOf(ClipModelException.class)
				.hasMessageContaining("returns " + DIMENSIONS + "-dimensional vectors")
				.hasMessageContaining("CLIP_DIMENSIONS) is 512");
		}
	}

	@Test
	void aModelThatDoesNotTake224PixelImagesIsRefused() throws IOException {
		Path offContract = VariantModels.smallImageInput(dir.resolve("small-input.onnx"));
		try (ClipImageEmbedder wrongInput = embedder(offContract, Map.of("CLIP_DIMENSIONS", "4"))) {
			assertThatThrownBy(wrongInput::info).isInstanceOf(ClipModelException.class)
				.hasMessageContaining("[N,3,224,224] float32");
		}
	}

	@Test
	void aFailingInferenceIsAClipError() throws IOException {
		Path onlyTwo = VariantModels.onlyBatchesOfTwo(dir.resolve("only-two.onnx"), 8);
		try (ClipImageEmbedder fragile = embedder(onlyTwo, Map.of("CLIP_DIMENSIONS", "8"))) {
			assertThat(fragile.info().dimensions()).isEqualTo(8);
			assertThatThrownBy(() -> embed(fragile, List.of(image(1)))).isExactlyInstanceOf(ClipInferenceException.class)
				.satisfies((ex) -> assertThat(((ClipInferenceException) ex).errorCode()).isEqualTo("clip_error"));
		}
	}

	@Test
	void readsImageEmbedsWhenTheModelHasAnotherOutputFirst() throws Exception {
		Path twoOutputs = VariantModels.hiddenStateFirst(dir.resolve("two-outputs.onnx"), 16);
		try (ClipImageEmbedder hiddenFirst = embedder(twoOutputs, Map.of("CLIP_DIMENSIONS", "16"))) {
			assertThat(hiddenFirst.info().outputName()).isEqualTo("image_embeds");
			assertThat(embed(hiddenFirst, List.of(image(1))).get(0)).hasSize(16);
		}
	}

	@Test
	void concurrentCallersEachGetTheirOwnVectors() throws Exception {
		// given
		List<float[]> expected = embed(embedder, List.of(image(20), image(21), image(22), image(23)));
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			// when
			List<Future<float[]>> results = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				for (int i = 0; i < 4; i++) {
					float[] image = image(20 + i);
					results.add(callers.submit(() -> embed(embedder, List.of(image)).get(0)));
				}
			}

			// then
			for (int n = 0; n < results.size(); n++) {
				assertThat(results.get(n).get()).containsExactly(expected.get(n % 4), within(1e-5f));
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void refusesAnImageOfTheWrongSize() {
		assertThatThrownBy(() -> embed(embedder, List.of(new float[10]))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("150528");
	}

	private static ClipImageEmbedder embedder(Path modelFile, Map<String, String> settings) {
		Map<String, String> environment = new HashMap<>(settings);
		environment.put("CLIP_MODEL_PATH", modelFile.toString());
		environment.putIfAbsent("CLIP_DIMENSIONS", Integer.toString(DIMENSIONS));
		ClipProperties properties = ClipTestProperties.fromEnvironment(environment);
		return new ClipImageEmbedder(properties, new ClipModelLocator(properties));
	}

	/** A preprocessed-looking image: smooth random colour fields, distinct per seed. */
	/** Embeds images given as one float array each, in one batch, as the job's pipeline hands them over. */
	static List<float[]> embed(ClipImageEmbedder embedder, List<float[]> images) {
		FloatBuffer pixels = ByteBuffer.allocateDirect(images.size() * ClipImageEmbedder.FLOATS_PER_IMAGE * Float.BYTES)
			.order(ByteOrder.nativeOrder())
			.asFloatBuffer();
		images.forEach(pixels::put);
		pixels.flip();
		return List.of(embedder.embedBatch(pixels, images.size()));
	}

	static float[] image(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		float[] pixels = new float[ClipImageEmbedder.FLOATS_PER_IMAGE];
		for (int channel = 0; channel < 3; channel++) {
			double fx = random.nextDouble(0.01, 0.1);
			double fy = random.nextDouble(0.01, 0.1);
			double phase = random.nextDouble(0, Math.PI * 2);
			for (int y = 0; y < 224; y++) {
				for (int x = 0; x < 224; x++) {
					pixels[(channel * 224 + y) * 224 + x] = (float) (1.5 * Math.sin(fx * x + fy * y + phase));
				}
			}
		}
		return pixels;
	}

	private static double norm(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		return Math.sqrt(sum);
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot / (norm(a) * norm(b));
	}

}

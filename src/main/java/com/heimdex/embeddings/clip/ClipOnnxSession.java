package com.heimdex.embeddings.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;

import com.heimdex.embeddings.modelfile.InvalidModelException;
import com.heimdex.embeddings.modelfile.OnnxModelLoader;

/**
 * A CLIP image tower loaded by DJL on its ONNX Runtime engine. Loading checks the contract:
 * one input taking [N,3,224,224] float32, an output of shape [N,D] (the one named
 * {@code image_embeds}, else the first), D equal to {@code clip.dimensions}.
 */
final class ClipOnnxSession implements AutoCloseable {

	static final int CHANNELS = 3;

	static final int IMAGE_SIZE = 224;

	static final int FLOATS_PER_IMAGE = CHANNELS * IMAGE_SIZE * IMAGE_SIZE;

	private static final String PREFERRED_OUTPUT = "image_embeds";

	private final ZooModel<NDList, NDList> model;

	private final String inputName;

	private final String outputName;

	private final int dimensions;

	private ClipOnnxSession(ZooModel<NDList, NDList> model, String inputName, String outputName, int dimensions) {
		this.model = model;
		this.inputName = inputName;
		this.outputName = outputName;
		this.dimensions = dimensions;
	}

	static ClipOnnxSession load(Path file, int expectedDimensions) {
		ZooModel<NDList, NDList> model = loadModel(file);
		try {
			PairList<String, Shape> inputs = model.getBlock().describeInput();
			if (inputs.size() != 1) {
				throw new ClipModelException("The CLIP model " + file + " must have exactly one input ([N,3,224,224]"
						+ " float32 pixels) but has " + inputs.keys());
			}
			String inputName = inputs.get(0).getKey();
			Probe probe = probe(model, file, inputName);
			String outputName = probe.outputName();
			if (probe.shape().dimension() != 2 || probe.shape().get(0) != 2) {
				throw new ClipModelException("The CLIP model " + file + " output '" + outputName + "' has shape "
						+ probe.shape() + " for 2 images; expected [N,D]");
			}
			int dimensions = (int) probe.shape().get(1);
			if (dimensions != expectedDimensions) {
				throw new ClipModelException("The CLIP model " + file + " returns " + dimensions + "-dimensional vectors"
						+ " (output '" + outputName + "') but clip.dimensions (CLIP_DIMENSIONS) is " + expectedDimensions);
			}
			return new ClipOnnxSession(model, inputName, outputName, dimensions);
		}
		catch (RuntimeException ex) {
			model.close();
			throw ex;
		}
	}

	/** Runs the model over {@code count} CHW images stored back to back in {@code pixels}. */
	float[][] run(FloatBuffer pixels, int count) {
		try (NDManager manager = model.getNDManager().newSubManager()) {
			NDArray input = manager.create(pixels, new Shape(count, CHANNELS, IMAGE_SIZE, IMAGE_SIZE), DataType.FLOAT32);
			input.setName(inputName);
			NDList outputs = model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
			NDArray embeddings = outputs.get(outputName);
			Shape shape = embeddings.getShape();
			if (shape.dimension() != 2 || shape.get(0) != count || shape.get(1) != dimensions) {
				throw new IllegalStateException("Output '" + outputName + "' has shape " + shape + " for " + count
						+ " images; expected (" + count + ", " + dimensions + ")");
			}
			return split(embeddings.toFloatArray(), count, dimensions);
		}
	}

	String inputName() {
		return inputName;
	}

	String outputName() {
		return outputName;
	}

	int dimensions() {
		return dimensions;
	}

	@Override
	public void close() {
		model.close();
	}

	private static ZooModel<NDList, NDList> loadModel(Path file) {
		// Each run stays on the thread that calls it: ClipInferenceThreads runs the parts of a batch
		// side by side, one per core.
		try {
			return OnnxModelLoader.load(file, "CLIP model");
		}
		catch (InvalidModelException ex) {
			throw new ClipModelException(ex.getMessage(), ex);
		}
	}

	/** Runs two blank images, which also checks the input's type, shape and free batch size. */
	private static Probe probe(ZooModel<NDList, NDList> model, Path file, String inputName) {
		try (NDManager manager = model.getNDManager().newSubManager()) {
			NDArray input = manager.create(blankImages(2), new Shape(2, CHANNELS, IMAGE_SIZE, IMAGE_SIZE),
					DataType.FLOAT32);
			input.setName(inputName);
			NDList outputs = model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
			NDArray output = outputs.stream()
				.filter((array) -> PREFERRED_OUTPUT.equals(array.getName()))
				.findFirst()
				.orElse(outputs.get(0));
			return new Probe(output.getName(), output.getShape());
		}
		catch (RuntimeException ex) {
			throw new ClipModelException("The CLIP model " + file + " does not accept input '" + inputName
					+ "' as [N,3,224,224] float32 with a free batch size N: " + ex.getMessage(), ex);
		}
	}

	private record Probe(String outputName, Shape shape) {
	}

	private static FloatBuffer blankImages(int count) {
		return ByteBuffer.allocateDirect(count * FLOATS_PER_IMAGE * Float.BYTES)
			.order(ByteOrder.nativeOrder())
			.asFloatBuffer();
	}

	private static float[][] split(float[] flat, int rows, int columns) {
		float[][] vectors = new float[rows][];
		for (int row = 0; row < rows; row++) {
			vectors[row] = new float[columns];
			System.arraycopy(flat, row * columns, vectors[row], 0, columns);
		}
		return vectors;
	}

}

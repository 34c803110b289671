package com.heimdex.embeddings.sceneperson;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.heimdex.embeddings.modelfile.InvalidModelException;
import com.heimdex.embeddings.modelfile.OnnxModelLoader;

/**
 * A person detector model loaded by DJL on ONNX Runtime, checked against its format's contract
 * when loaded: one float32 input of the format's shape, and the format's outputs (found by name,
 * else by shape). A model that does not fit is refused with both shapes, the expected and the
 * found. Runs are thread-safe (ONNX Runtime sessions are).
 */
final class DetectorOnnxSession implements AutoCloseable {

	private static final String LABEL = "person detector model";

	private final ZooModel<NDList, NDList> model;

	private final DetectorFormat format;

	private final String inputName;

	/** The outputs read, in the format's order: ultraface scores then boxes; yolov8 its predictions. */
	private final List<String> outputNames;

	/** The outputs' N: candidate boxes per image. */
	private final int candidates;

	private DetectorOnnxSession(ZooModel<NDList, NDList> model, DetectorFormat format, String inputName,
			List<String> outputNames, int candidates) {
		this.model = model;
		this.format = format;
		this.inputName = inputName;
		this.outputNames = outputNames;
		this.candidates = candidates;
	}

	static DetectorOnnxSession load(Path file, DetectorFormat format) {
		ZooModel<NDList, NDList> model = OnnxModelLoader.load(file, LABEL);
		try {
			List<DeclaredInput> inputs = declaredInputs(file);
			if (inputs.size() != 1 || !inputs.get(0).fits(expectedInputShape(format))) {
				throw misfit(file, format, "input" + (inputs.size() == 1 ? " " : "s ")
						+ inputs.stream().map(DeclaredInput::toString).collect(Collectors.joining(", ")));
			}
			String inputName = inputs.get(0).name();
			List<ProbedOutput> outputs = probe(model, file, format, inputName);
			return switch (format) {
				case ULTRAFACE -> ultraface(model, file, inputName, outputs);
				case YOLOV8 -> yolov8(model, file, inputName, outputs);
			};
		}
		catch (RuntimeException ex) {
			model.close();
			throw ex;
		}
	}

	/**
	 * Runs the model over one image in {@code input} (CHW, the format's size, from index 0).
	 * @return the outputs in the format's order, each flat and row-major
	 */
	float[][] run(FloatBuffer input) {
		try (NDManager manager = this.model.getNDManager().newSubManager()) {
			NDArray array = manager.create(input.duplicate().rewind(),
					new Shape(1, 3, this.format.inputHeight(), this.format.inputWidth()), DataType.FLOAT32);
			array.setName(this.inputName);
			NDList outputs = this.model.getBlock().forward(new ParameterStore(manager, false), new NDList(array), false);
			float[][] values = new float[this.outputNames.size()][];
			for (int i = 0; i < values.length; i++) {
				values[i] = outputs.get(this.outputNames.get(i)).toFloatArray();
			}
			return values;
		}
	}

	/** Candidate boxes per image (the outputs' N). */
	int candidates() {
		return this.candidates;
	}

	@Override
	public void close() {
		this.model.close();
	}

	static FloatBuffer newInput(DetectorFormat format) {
		return ByteBuffer.allocateDirect(3 * format.inputWidth() * format.inputHeight() * Float.BYTES)
			.order(ByteOrder.nativeOrder())
			.asFloatBuffer();
	}

	private static DetectorOnnxSession ultraface(ZooModel<NDList, NDList> model, Path file, String inputName,
			List<ProbedOutput> outputs) {
		Optional<ProbedOutput> scores = output(outputs, "scores", 2);
		Optional<ProbedOutput> boxes = output(outputs, "boxes", 4);
		if (scores.isEmpty() || boxes.isEmpty() || scores.get().shape().get(1) != boxes.get().shape().get(1)) {
			throw misfit(file, DetectorFormat.ULTRAFACE, "outputs " + describe(outputs));
		}
		return new DetectorOnnxSession(model, DetectorFormat.ULTRAFACE, inputName,
				List.of(scores.get().name(), boxes.get().name()), (int) scores.get().shape().get(1));
	}

	private static DetectorOnnxSession yolov8(ZooModel<NDList, NDList> model, Path file, String inputName,
			List<ProbedOutput> outputs) {
		Optional<ProbedOutput> predictions = outputs.stream()
			.filter((output) -> output.type() == DataType.FLOAT32)
			.filter((output) -> fits(output.shape(), new Shape(1, 84, -1)))
			.findFirst();
		if (predictions.isEmpty()) {
			throw misfit(file, DetectorFormat.YOLOV8, "output" + (outputs.size() == 1 ? " " : "s ") + describe(outputs));
		}
		return new DetectorOnnxSession(model, DetectorFormat.YOLOV8, inputName, List.of(predictions.get().name()),
				(int) predictions.get().shape().get(2));
	}

	/** The float32 output [1,N,columns] of this name, else the only one of that shape. */
	private static Optional<ProbedOutput> output(List<ProbedOutput> outputs, String name, int columns) {
		List<ProbedOutput> fitting = outputs.stream()
			.filter((output) -> output.type() == DataType.FLOAT32)
			.filter((output) -> fits(output.shape(), new Shape(1, -1, columns)))
			.toList();
		Optional<ProbedOutput> named = fitting.stream().filter((output) -> name.equals(output.name())).findFirst();
		return named.isPresent() ? named : (fitting.size() == 1) ? Optional.of(fitting.get(0)) : Optional.empty();
	}

	/** Runs a blank image, which also checks the input's type, and tells what comes out. */
	private static List<ProbedOutput> probe(ZooModel<NDList, NDList> model, Path file, DetectorFormat format,
			String inputName) {
		try (NDManager manager = model.getNDManager().newSubManager()) {
			NDArray input = manager.create(newInput(format), expectedInputShape(format), DataType.FLOAT32);
			input.setName(inputName);
			NDList outputs = model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
			return outputs.stream()
				.map((output) -> new ProbedOutput(output.getName(), output.getShape(), output.getDataType()))
				.toList();
		}
		catch (RuntimeException ex) {
			throw new InvalidModelException("The " + LABEL + " " + file + " does not fit PERSON_DETECTOR_FORMAT="
					+ format + ": it does not run on input '" + inputName + "' as " + format.expectedInput() + ": "
					+ ex.getMessage() + ". " + fix(format), ex);
		}
	}

	private static Shape expectedInputShape(DetectorFormat format) {
		return new Shape(1, 3, format.inputHeight(), format.inputWidth());
	}

	/** Whether {@code found} has {@code expected}'s dimensions; -1 on either side is a free size. */
	private static boolean fits(Shape found, Shape expected) {
		if (found == null || found.dimension() != expected.dimension()) {
			return false;
		}
		for (int i = 0; i < expected.dimension(); i++) {
			long want = expected.get(i);
			long have = found.get(i);
			if (want >= 0 && have >= 0 && want != have) {
				return false;
			}
		}
		return true;
	}

	private static InvalidModelException misfit(Path file, DetectorFormat format, String found) {
		return new InvalidModelException("The " + LABEL + " " + file + " does not fit PERSON_DETECTOR_FORMAT=" + format
				+ ": expected input " + format.expectedInput() + " and " + format.expectedOutputs() + ", found "
				+ found + ". " + fix(format));
	}

	private static String fix(DetectorFormat format) {
		return "Set PERSON_DETECTOR_FORMAT to the model's format (allowed: " + DetectorFormat.allowedNames()
				+ ") or give a " + format + " model";
	}

	/**
	 * The inputs the file declares, read by ONNX Runtime's own API: DJL's block describes inputs
	 * by name only.
	 */
	private static List<DeclaredInput> declaredInputs(Path file) {
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				OrtSession session = environment.createSession(file.toString(), options)) {
			List<DeclaredInput> inputs = new ArrayList<>();
			for (Map.Entry<String, NodeInfo> input : session.getInputInfo().entrySet()) {
				inputs.add((input.getValue().getInfo() instanceof TensorInfo tensor)
						? new DeclaredInput(input.getKey(), new Shape(tensor.getShape()), tensor.type.toString())
						: new DeclaredInput(input.getKey(), null, input.getValue().getInfo().toString()));
			}
			return inputs;
		}
		catch (OrtException ex) {
			throw new InvalidModelException("Cannot read the inputs of the " + LABEL + " " + file + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** An input as the file declares it; -1 in the shape is a free size. */
	private record DeclaredInput(String name, Shape shape, String type) {

		boolean fits(Shape expected) {
			return this.shape != null && "FLOAT".equals(this.type) && DetectorOnnxSession.fits(this.shape, expected);
		}

		@Override
		public String toString() {
			return "'" + this.name + "' " + dims(this.shape) + " " + this.type.toLowerCase(Locale.ROOT)
				.replace("float", "float32");
		}

	}

	private static String describe(List<ProbedOutput> outputs) {
		return outputs.stream()
			.map((output) -> "'" + output.name() + "' " + dims(output.shape()) + " "
					+ output.type().toString().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
	}

	private record ProbedOutput(String name, Shape shape, DataType type) {
	}

	private static String dims(Shape shape) {
		if (shape == null) {
			return "[?]";
		}
		List<String> dims = new ArrayList<>();
		for (long dim : shape.getShape()) {
			dims.add((dim < 0) ? "?" : Long.toString(dim));
		}
		return "[" + String.join(",", dims) + "]";
	}

}

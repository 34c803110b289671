package com.heimdex.embeddings.testmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes person detector models with the real tensor contracts of the two detector formats, whose
 * boxes follow the image: a "person" is the bounding box of the pixels whose red level (person A)
 * or green level (person B) is above 191 of 255, found with ONNX operators (Greater, Cast,
 * ReduceMax over rows and columns, ArgMax for the first and, with {@code select_last_index}, the
 * last bright row and column). The candidate rows, in this order:
 * <ol>
 * <li>person A's box, score {@value #SCORE_A} (0 when no pixel is bright red);</li>
 * <li>person A's box moved right by a tenth of its width (IoU 0.82 with it), score
 * {@value #SCORE_A_SHIFTED}: non-maximum suppression must drop it;</li>
 * <li>person B's box, score {@value #SCORE_B} (0 when no pixel is bright green);</li>
 * <li>person B's box moved right by a tenth of its width, score {@value #SCORE_B_SHIFTED};</li>
 * <li>the whole input, score {@value #SCORE_LOW}, under the default thresholds;</li>
 * <li>(yolov8 only) the whole input with person score {@value #SCORE_OTHER_CLASS_PERSON} but class
 * 2 scoring {@value #SCORE_OTHER_CLASS}: not a person, as its best class is another;</li>
 * </ol>
 * then background rows (zero boxes, zero person score) up to the real candidate count.
 */
public final class GeneratedDetectorModel {

	public static final float SCORE_A = 0.95f;

	public static final float SCORE_A_SHIFTED = 0.85f;

	public static final float SCORE_B = 0.9f;

	public static final float SCORE_B_SHIFTED = 0.8f;

	public static final float SCORE_LOW = 0.3f;

	public static final float SCORE_OTHER_CLASS_PERSON = 0.6f;

	public static final float SCORE_OTHER_CLASS = 0.9f;

	/** Levels above this (of 255) are "bright". */
	public static final int BRIGHT_LEVEL = 191;

	/** UltraFace version-RFB-320's candidate count. */
	public static final int ULTRAFACE_CANDIDATES = 4420;

	/** YOLOv8's candidate count at 640x640 (80x80 + 40x40 + 20x20). */
	public static final int YOLOV8_CANDIDATES = 8400;

	private final OnnxGraph graph;

	private int names;

	private GeneratedDetectorModel(String name) {
		this.graph = new OnnxGraph(name);
	}

	/** UltraFace version-RFB-320's contract: input [1,3,240,320], outputs scores [1,4420,2] and boxes [1,4420,4]. */
	public static void writeUltraface(Path file) {
		writeUltraface(file, 240, 320);
	}

	/** UltraFace's outputs on an input of another size (to check that a model of another contract is refused). */
	public static void writeUltraface(Path file, int inputHeight, int inputWidth) {
		GeneratedDetectorModel model = new GeneratedDetectorModel("generated_ultraface");
		model.graph.input("input", OnnxDataType.FLOAT, OnnxDim.of(1), OnnxDim.of(3), OnnxDim.of(inputHeight),
				OnnxDim.of(inputWidth))
			.output("scores", OnnxDataType.FLOAT, OnnxDim.of(1), OnnxDim.of(ULTRAFACE_CANDIDATES), OnnxDim.of(2))
			.output("boxes", OnnxDataType.FLOAT, OnnxDim.of(1), OnnxDim.of(ULTRAFACE_CANDIDATES), OnnxDim.of(4));
		// (v - 127) / 128 > (191 - 127) / 128
		float threshold = (BRIGHT_LEVEL - 127) / 128f;
		Extent a = model.extent("input", 0, threshold);
		Extent b = model.extent("input", 1, threshold);
		Corners boxA = model.fractions(model.corners(a), inputWidth, inputHeight);
		Corners boxB = model.fractions(model.corners(b), inputWidth, inputHeight);
		String one = model.constant(1f);
		String zero = model.constant(0f);
		List<String> boxRows = List.of(boxA.row(model), model.shifted(boxA).row(model), boxB.row(model),
				model.shifted(boxB).row(model), model.concat(1, zero, zero, one, one));
		List<String> scoreRows = List.of(model.scoreRow(a.present(), SCORE_A),
				model.scoreRow(a.present(), SCORE_A_SHIFTED), model.scoreRow(b.present(), SCORE_B),
				model.scoreRow(b.present(), SCORE_B_SHIFTED), model.scoreRow(one, SCORE_LOW));
		int background = ULTRAFACE_CANDIDATES - boxRows.size();
		String boxes = model.reshape(model.concat(0, boxRows.toArray(String[]::new)), 1, boxRows.size(), 4);
		String scores = model.reshape(model.concat(0, scoreRows.toArray(String[]::new)), 1, scoreRows.size(), 2);
		float[] backgroundScores = new float[background * 2];
		for (int i = 0; i < background; i++) {
			backgroundScores[2 * i] = 1f;
		}
		model.node("Concat", List.of(boxes, model.constant(new long[] { 1, background, 4 }, new float[background * 4])),
				"boxes", OnnxAttribute.of("axis", 1L));
		model.node("Concat", List.of(scores, model.constant(new long[] { 1, background, 2 }, backgroundScores)),
				"scores", OnnxAttribute.of("axis", 1L));
		model.write(file);
	}

	/** Ultralytics' YOLOv8 detection export contract: input images [1,3,640,640], output output0 [1,84,8400]. */
	public static void writeYolov8(Path file) {
		GeneratedDetectorModel model = new GeneratedDetectorModel("generated_yolov8");
		int size = 640;
		model.graph.input("images", OnnxDataType.FLOAT, OnnxDim.of(1), OnnxDim.of(3), OnnxDim.of(size), OnnxDim.of(size))
			.output("output0", OnnxDataType.FLOAT, OnnxDim.of(1), OnnxDim.of(84), OnnxDim.of(YOLOV8_CANDIDATES));
		// v / 255 > 191 / 255
		float threshold = BRIGHT_LEVEL / 255f;
		Extent a = model.extent("images", 0, threshold);
		Extent b = model.extent("images", 1, threshold);
		Corners boxA = model.corners(a);
		Corners boxB = model.corners(b);
		float half = size / 2f;
		List<String> rows = new ArrayList<>();
		rows.add(model.yoloRow(boxA, model.scaled(a.present(), SCORE_A)));
		rows.add(model.yoloRow(model.shifted(boxA), model.scaled(a.present(), SCORE_A_SHIFTED)));
		rows.add(model.yoloRow(boxB, model.scaled(b.present(), SCORE_B)));
		rows.add(model.yoloRow(model.shifted(boxB), model.scaled(b.present(), SCORE_B_SHIFTED)));
		float[] low = new float[84];
		low[0] = half;
		low[1] = half;
		low[2] = size;
		low[3] = size;
		low[4] = SCORE_LOW;
		rows.add(model.constant(new long[] { 1, 84 }, low));
		float[] otherClass = low.clone();
		otherClass[4] = SCORE_OTHER_CLASS_PERSON;
		otherClass[4 + 2] = SCORE_OTHER_CLASS;
		rows.add(model.constant(new long[] { 1, 84 }, otherClass));
		String candidates = model.reshape(model.concat(0, rows.toArray(String[]::new)), 1, rows.size(), 84);
		String transposed = model.op("Transpose", List.of(candidates), OnnxAttribute.ints("perm", 0, 2, 1));
		int background = YOLOV8_CANDIDATES - rows.size();
		model.node("Concat", List.of(transposed, model.constant(new long[] { 1, 84, background }, new float[84 * background])),
				"output0", OnnxAttribute.of("axis", 2L));
		model.write(file);
	}

	/** Arguments: {@code ultraface|yolov8} and the output file. */
	public static void main(String[] args) {
		if (args.length != 2 || !List.of("ultraface", "yolov8").contains(args[0])) {
			System.err.println("usage: GeneratedDetectorModel <ultraface|yolov8> <output.onnx>");
			System.exit(2);
		}
		Path file = Path.of(args[1]);
		if (args[0].equals("ultraface")) {
			writeUltraface(file);
		}
		else {
			writeYolov8(file);
		}
		System.out.println("Wrote generated " + args[0] + " detector model to " + file);
	}

	/**
	 * The bright pixels of one channel: first and last bright row and column (float [1,1] each, in
	 * input pixels) and whether there is any (1 or 0).
	 */
	private record Extent(String top, String bottom, String left, String right, String present) {
	}

	/** A box's corners x1, y1, x2, y2 as float [1,1] tensors, in the unit of the format. */
	private record Corners(String x1, String y1, String x2, String y2) {

		String row(GeneratedDetectorModel model) {
			return model.concat(1, this.x1, this.y1, this.x2, this.y2);
		}

	}

	private Extent extent(String input, int channel, float threshold) {
		String plane = op("Gather", List.of(input, constantIndex(channel)), OnnxAttribute.of("axis", 1L));
		String bright = op("Cast", List.of(op("Greater", List.of(plane, constant(threshold)))),
				OnnxAttribute.of("to", (long) OnnxDataType.FLOAT.code()));
		// plane [1,H,W]: rows [1,H], columns [1,W]
		String rows = op("ReduceMax", List.of(bright), OnnxAttribute.ints("axes", 2), OnnxAttribute.of("keepdims", 0L));
		String columns = op("ReduceMax", List.of(bright), OnnxAttribute.ints("axes", 1),
				OnnxAttribute.of("keepdims", 0L));
		String present = op("ReduceMax", List.of(rows), OnnxAttribute.ints("axes", 1), OnnxAttribute.of("keepdims", 1L));
		return new Extent(firstIndex(rows, false), firstIndex(rows, true), firstIndex(columns, false),
				firstIndex(columns, true), present);
	}

	/** The first (or last) index of the largest value along axis 1, as float [1,1]. */
	private String firstIndex(String values, boolean last) {
		String index = op("ArgMax", List.of(values), OnnxAttribute.of("axis", 1L), OnnxAttribute.of("keepdims", 1L),
				OnnxAttribute.of("select_last_index", last ? 1L : 0L));
		return op("Cast", List.of(index), OnnxAttribute.of("to", (long) OnnxDataType.FLOAT.code()));
	}

	/** The box around an extent with exclusive right and bottom edges, in input pixels. */
	private Corners corners(Extent extent) {
		String one = constant(1f);
		return new Corners(extent.left(), extent.top(), op("Add", List.of(extent.right(), one)),
				op("Add", List.of(extent.bottom(), one)));
	}

	/** The box as fractions of an input of this size, as UltraFace gives its boxes. */
	private Corners fractions(Corners box, int width, int height) {
		String w = constant((float) width);
		String h = constant((float) height);
		return new Corners(op("Div", List.of(box.x1(), w)), op("Div", List.of(box.y1(), h)),
				op("Div", List.of(box.x2(), w)), op("Div", List.of(box.y2(), h)));
	}

	/** The box moved right by a tenth of its width. */
	private Corners shifted(Corners box) {
		String shift = op("Mul", List.of(op("Sub", List.of(box.x2(), box.x1())), constant(0.1f)));
		return new Corners(op("Add", List.of(box.x1(), shift)), box.y1(), op("Add", List.of(box.x2(), shift)), box.y2());
	}

	/** (background, face) scores [1,2]: face = present x score. */
	private String scoreRow(String present, float score) {
		String face = scaled(present, score);
		return concat(1, op("Sub", List.of(constant(1f), face)), face);
	}

	private String scaled(String present, float score) {
		return op("Mul", List.of(present, constant(score)));
	}

	/** A YOLOv8 candidate [1,84]: cx, cy, w, h, person score, 79 zero class scores. */
	private String yoloRow(Corners box, String personScore) {
		String half = constant(0.5f);
		String centreX = op("Mul", List.of(op("Add", List.of(box.x1(), box.x2())), half));
		String centreY = op("Mul", List.of(op("Add", List.of(box.y1(), box.y2())), half));
		String width = op("Sub", List.of(box.x2(), box.x1()));
		String height = op("Sub", List.of(box.y2(), box.y1()));
		return concat(1, centreX, centreY, width, height, personScore, constant(new long[] { 1, 79 }, new float[79]));
	}

	private String concat(long axis, String... parts) {
		return op("Concat", Arrays.asList(parts), OnnxAttribute.of("axis", axis));
	}

	private String reshape(String tensor, long... shape) {
		String name = "shape_" + this.names++;
		this.graph.initializer(OnnxTensor.longs(name, new long[] { shape.length }, shape));
		return op("Reshape", List.of(tensor, name));
	}

	private String op(String type, List<String> inputs, OnnxAttribute... attributes) {
		String output = type.toLowerCase() + "_" + this.names++;
		node(type, inputs, output, attributes);
		return output;
	}

	private void node(String type, List<String> inputs, String output, OnnxAttribute... attributes) {
		this.graph.node(type, inputs, List.of(output), attributes);
	}

	/** A float [1,1] constant. */
	private String constant(float value) {
		return constant(new long[] { 1, 1 }, new float[] { value });
	}

	private String constant(long[] dims, float[] values) {
		String name = "constant_" + this.names++;
		this.graph.initializer(OnnxTensor.floats(name, dims, values));
		return name;
	}

	/** An int64 scalar, for Gather to drop the channel axis. */
	private String constantIndex(long value) {
		String name = "index_" + this.names++;
		this.graph.initializer(OnnxTensor.longs(name, new long[0], new long[] { value }));
		return name;
	}

	private void write(Path file) {
		try {
			new OnnxModel(this.graph).writeTo(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write generated detector model to " + file, ex);
		}
	}

}

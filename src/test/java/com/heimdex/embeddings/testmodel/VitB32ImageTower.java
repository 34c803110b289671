package com.heimdex.embeddings.testmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes an ONNX model with the exact architecture of CLIP ViT-B/32's image tower (as Hugging
 * Face's {@code CLIPVisionModelWithProjection} exports it) and pseudo-random weights: 32x32 patch
 * convolution to 768 channels, class token, position embedding, pre-LayerNorm, 12 pre-LN blocks
 * of 12-head self-attention and a 3072-wide QuickGELU MLP, LayerNorm of the class token and a
 * 768 to 512 projection; {@value #PARAMETERS} parameters. Input {@code pixel_values}
 * [N,3,224,224], output {@code image_embeds} [N,512]. Weight values do not change how fast ONNX
 * Runtime runs it, so its timings hold for the real model; {@link Precision#INT8} is the variant
 * ONNX Runtime's dynamic quantisation makes of it.
 */
public final class VitB32ImageTower {

	/** Changes whenever a precision's graph changes, so that a model file written earlier is not reused. */
	public static final int GRAPH_VERSION = 2;

	/** Parameters of the float model: the real ViT-B/32 image tower's count. */
	public static final long PARAMETERS = 87_849_216L;

	static final int LAYERS = 12;

	private static final int WIDTH = 768;

	private static final int HEADS = 12;

	private static final int HEAD_SIZE = WIDTH / HEADS;

	private static final int MLP_WIDTH = 3072;

	private static final int PATCH = 32;

	private static final int PATCHES = (224 / PATCH) * (224 / PATCH);

	private static final int EMBEDDING = 512;

	/** How the model's MatMuls compute. */
	public enum Precision {

		/** float32 throughout, as exported. */
		FP32(null),

		/**
		 * The float model quantised as the default model (Xenova's {@code vision_model_quantized.onnx})
		 * was: transformers.js's conversion script calls {@code quantize_dynamic} with
		 * {@code weight_type=QUInt8} for any model with a {@code Conv} (ONNX Runtime cannot run a
		 * {@code ConvInteger} with int8 weights), {@code per_channel=True}, {@code reduce_range=True},
		 * and the default operator types, so the patch convolution becomes a {@code ConvInteger}.
		 */
		INT8(new DynamicQuantizedLayers.Recipe(OnnxDataType.UINT8, true, true, true)),

		/**
		 * {@code quantize_dynamic} with its own defaults ({@code QInt8} weights per tensor) restricted
		 * to {@code op_types_to_quantize=["MatMul"]}: the variant that runs fastest on CPUs with
		 * AVX-512 VNNI or AVX-VNNI, for operators who make their own model.
		 */
		INT8_SIGNED(new DynamicQuantizedLayers.Recipe(OnnxDataType.INT8, false, false, false));

		private final DynamicQuantizedLayers.Recipe recipe;

		/** The precision called {@code fp32}, {@code int8} or {@code int8-signed}. */
		public static Precision named(String name) {
			return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
		}

		Precision(DynamicQuantizedLayers.Recipe recipe) {
			this.recipe = recipe;
		}

		WeightLayers layers() {
			return (this.recipe == null) ? new FloatLayers() : new DynamicQuantizedLayers(this.recipe);
		}

	}

	private final OnnxGraph graph = new OnnxGraph("vit_b32_image_tower");

	private final WeightLayers weightLayers;

	private final SplittableRandom seeds;

	private VitB32ImageTower(Precision precision, long seed) {
		this.weightLayers = precision.layers();
		this.seeds = new SplittableRandom(seed);
	}

	/** Writes the full model; the same precision and seed give the same file. */
	public static void write(Path file, Precision precision, long seed) {
		write(file, precision, seed, LAYERS);
	}

	/** As {@link #write(Path, Precision, long)} with fewer blocks, for quick checks of the graph. */
	static void write(Path file, Precision precision, long seed, int layers) {
		try {
			new OnnxModel(graph(precision, seed, layers)).writeTo(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the generated ViT-B/32 model to " + file, ex);
		}
	}

	/** The graph of the model with {@code layers} blocks. */
	static OnnxGraph graph(Precision precision, long seed, int layers) {
		VitB32ImageTower tower = new VitB32ImageTower(precision, seed);
		tower.build(layers);
		return tower.graph;
	}

	/** Arguments: output file, precision ({@code fp32}, {@code int8} or {@code int8-signed}), optionally a seed (42). */
	public static void main(String[] args) {
		if (args.length < 2 || args.length > 3) {
			System.err.println("usage: VitB32ImageTower <output.onnx> <fp32|int8|int8-signed> [seed=42]");
			System.exit(2);
		}
		Precision precision = Precision.named(args[1]);
		write(Path.of(args[0]), precision, (args.length > 2) ? Long.parseLong(args[2]) : 42L);
		System.out.println("Wrote a " + precision + " ViT-B/32 image tower with random weights to " + args[0]);
	}

	private void build(int layers) {
		String input = GeneratedClipModel.INPUT_NAME;
		OnnxDim batch = OnnxDim.symbolic("N");
		graph.input(input, OnnxDataType.FLOAT, batch, OnnxDim.of(3), OnnxDim.of(224), OnnxDim.of(224))
			.output(GeneratedClipModel.OUTPUT_NAME, OnnxDataType.FLOAT, batch, OnnxDim.of(EMBEDDING))
			.initializer(OnnxTensor.longs("shape.patch_rows", new long[] { 3 }, new long[] { 0, WIDTH, PATCHES }))
			.initializer(OnnxTensor.longs("shape.class_token", new long[] { 2 }, new long[] { 1, WIDTH }))
			.initializer(OnnxTensor.longs("shape.heads", new long[] { 4 }, new long[] { 0, 0, HEADS, HEAD_SIZE }))
			.initializer(OnnxTensor.longs("shape.tokens", new long[] { 3 }, new long[] { 0, 0, WIDTH }))
			.initializer(OnnxTensor.longs("index.class_token", new long[0], new long[] { 0 }))
			.initializer(OnnxTensor.floats("attention.scale", new long[0], new float[] { 1f / (float) Math.sqrt(HEAD_SIZE) }))
			.initializer(OnnxTensor.floats("quick_gelu.alpha", new long[0], new float[] { 1.702f }))
			.initializer(uniform("embeddings.class_embedding", new long[] { 1, 1, WIDTH }, 1))
			.initializer(uniform("embeddings.position_embedding", new long[] { 1, PATCHES + 1, WIDTH }, 1));
		this.weightLayers.patchConvolution(this.graph, input, "embeddings.patch_embedding", 3, WIDTH, PATCH, this.seeds.nextLong(),
				"patches");
		this.graph.node("Reshape", List.of("patches", "shape.patch_rows"), List.of("patch_rows"))
			.node("Transpose", List.of("patch_rows"), List.of("patch_tokens"), OnnxAttribute.ints("perm", 0, 2, 1))
			.node("Shape", List.of(input), List.of("batch_size"), OnnxAttribute.of("start", 0L), OnnxAttribute.of("end", 1L))
			.node("Concat", List.of("batch_size", "shape.class_token"), List.of("class_shape"), OnnxAttribute.of("axis", 0L))
			.node("Expand", List.of("embeddings.class_embedding", "class_shape"), List.of("class_tokens"))
			.node("Concat", List.of("class_tokens", "patch_tokens"), List.of("tokens"), OnnxAttribute.of("axis", 1L))
			.node("Add", List.of("tokens", "embeddings.position_embedding"), List.of("embedded"));
		String hidden = layerNorm("embedded", "pre_layrnorm");
		for (int layer = 0; layer < layers; layer++) {
			hidden = block(hidden, "encoder.layers." + layer);
		}
		graph.node("Gather", List.of(hidden, "index.class_token"), List.of("pooled"), OnnxAttribute.of("axis", 1L));
		String pooled = layerNorm("pooled", "post_layernorm");
		this.weightLayers.linear(graph, pooled, "visual_projection", WIDTH, EMBEDDING, false, seeds.nextLong(),
				GeneratedClipModel.OUTPUT_NAME);
	}

	/** One pre-LN encoder block: x + attention(LN(x)), then + MLP(LN(...)); returns its output. */
	private String block(String x, String name) {
		String normed = layerNorm(x, name + ".layer_norm1");
		String[] qkv = { name + ".q", name + ".k", name + ".v" };
		for (int i = 0; i < 3; i++) {
			this.weightLayers.linear(graph, normed, qkv[i] + "_proj", WIDTH, WIDTH, true, seeds.nextLong(), qkv[i]);
		}
		graph.node("Mul", List.of(qkv[0], "attention.scale"), List.of(name + ".q_scaled"));
		String queries = heads(name + ".q_scaled", name + ".queries", 0, 2, 1, 3);
		String keys = heads(qkv[1], name + ".keys_t", 0, 2, 3, 1);
		String values = heads(qkv[2], name + ".values", 0, 2, 1, 3);
		this.weightLayers.matMul(graph, queries, keys, name + ".scores");
		graph.node("Softmax", List.of(name + ".scores"), List.of(name + ".weights"), OnnxAttribute.of("axis", -1L));
		this.weightLayers.matMul(graph, name + ".weights", values, name + ".context_heads");
		graph.node("Transpose", List.of(name + ".context_heads"), List.of(name + ".context_tokens"),
				OnnxAttribute.ints("perm", 0, 2, 1, 3))
			.node("Reshape", List.of(name + ".context_tokens", "shape.tokens"), List.of(name + ".context"));
		this.weightLayers.linear(graph, name + ".context", name + ".out_proj", WIDTH, WIDTH, true, seeds.nextLong(),
				name + ".attention");
		graph.node("Add", List.of(x, name + ".attention"), List.of(name + ".residual"));
		String mlpInput = layerNorm(name + ".residual", name + ".layer_norm2");
		this.weightLayers.linear(graph, mlpInput, name + ".mlp.fc1", WIDTH, MLP_WIDTH, true, seeds.nextLong(), name + ".fc1");
		graph.node("Mul", List.of(name + ".fc1", "quick_gelu.alpha"), List.of(name + ".fc1_scaled"))
			.node("Sigmoid", List.of(name + ".fc1_scaled"), List.of(name + ".gate"))
			.node("Mul", List.of(name + ".fc1", name + ".gate"), List.of(name + ".activated"));
		this.weightLayers.linear(graph, name + ".activated", name + ".mlp.fc2", MLP_WIDTH, WIDTH, true, seeds.nextLong(),
				name + ".mlp");
		graph.node("Add", List.of(name + ".residual", name + ".mlp"), List.of(name + ".output"));
		return name + ".output";
	}

	/** [N,50,768] to [N,12,50,64] (or [N,12,64,50] for keys) by reshape and transpose. */
	private String heads(String tokens, String output, long... perm) {
		graph.node("Reshape", List.of(tokens, "shape.heads"), List.of(tokens + "_heads"))
			.node("Transpose", List.of(tokens + "_heads"), List.of(output), OnnxAttribute.ints("perm", perm));
		return output;
	}

	private String layerNorm(String input, String name) {
		float[] ones = new float[WIDTH];
		Arrays.fill(ones, 1f);
		graph.initializer(OnnxTensor.floats(name + ".weight", new long[] { WIDTH }, ones))
			.initializer(WeightLayers.bias(name + ".bias", WIDTH, seeds.nextLong()))
			.node("LayerNormalization", List.of(input, name + ".weight", name + ".bias"), List.of(name),
					OnnxAttribute.of("axis", -1L), OnnxAttribute.of("epsilon", 1e-5f));
		return name;
	}

	private OnnxTensor uniform(String name, long[] dims, int fanIn) {
		long count = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
		return new OnnxTensor(name, OnnxDataType.FLOAT, dims,
				TensorData.seededUniform(count, seeds.nextLong(), WeightLayers.bound(fanIn)));
	}

}

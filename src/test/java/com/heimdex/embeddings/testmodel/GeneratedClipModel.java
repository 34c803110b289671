package com.heimdex.embeddings.testmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes small CLIP-compatible image models: input {@code pixel_values} [N,3,224,224] float32,
 * output {@code image_embeds} [N,D], the contract of the real image tower. The network is a
 * 32x32 patch embedding (as ViT-B/32 has), tanh, and a projection of all 49 patches to D, with
 * pseudo-random weights from a seed: different images give different vectors, and a batch runs
 * in about a millisecond.
 */
public final class GeneratedClipModel {

	public static final String INPUT_NAME = "pixel_values";

	public static final String OUTPUT_NAME = "image_embeds";

	private static final int IMAGE_SIZE = 224;

	private static final int PATCH_SIZE = 32;

	private static final int GRID = IMAGE_SIZE / PATCH_SIZE;

	private static final int CHANNELS = 8;

	private GeneratedClipModel() {
	}

	/** Writes the small model with output size {@code dimensions}; the same seed gives the same file. */
	public static void writeSmall(Path file, int dimensions, long seed) {
		if (dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be positive, was " + dimensions);
		}
		SplittableRandom seeds = new SplittableRandom(seed);
		int patchFanIn = 3 * PATCH_SIZE * PATCH_SIZE;
		int projectionFanIn = CHANNELS * GRID * GRID;
		OnnxDim batch = OnnxDim.symbolic("N");
		OnnxGraph graph = new OnnxGraph("generated_clip_image_tower")
			.input(INPUT_NAME, OnnxDataType.FLOAT, batch, OnnxDim.of(3), OnnxDim.of(IMAGE_SIZE), OnnxDim.of(IMAGE_SIZE))
			.output(OUTPUT_NAME, OnnxDataType.FLOAT, batch, OnnxDim.of(dimensions))
			.initializer(uniform("patch_weight", new long[] { CHANNELS, 3, PATCH_SIZE, PATCH_SIZE }, seeds.nextLong(),
					patchFanIn))
			.initializer(uniform("patch_bias", new long[] { CHANNELS }, seeds.nextLong(), 16))
			.initializer(uniform("projection", new long[] { projectionFanIn, dimensions }, seeds.nextLong(),
					projectionFanIn))
			.node("Conv", List.of(INPUT_NAME, "patch_weight", "patch_bias"), List.of("patches"),
					OnnxAttribute.ints("kernel_shape", PATCH_SIZE, PATCH_SIZE),
					OnnxAttribute.ints("strides", PATCH_SIZE, PATCH_SIZE))
			.node("Tanh", List.of("patches"), List.of("activated"))
			.node("Flatten", List.of("activated"), List.of("flattened"), OnnxAttribute.of("axis", 1L))
			.node("MatMul", List.of("flattened", "projection"), List.of(OUTPUT_NAME));
		try {
			new OnnxModel(graph).writeTo(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write generated CLIP model to " + file, ex);
		}
	}

	/** Arguments: output file, then optionally dimensions (512) and seed (42). */
	public static void main(String[] args) {
		if (args.length < 1 || args.length > 3) {
			System.err.println("usage: GeneratedClipModel <output.onnx> [dimensions=512] [seed=42]");
			System.exit(2);
		}
		Path file = Path.of(args[0]);
		int dimensions = (args.length > 1) ? Integer.parseInt(args[1]) : 512;
		long seed = (args.length > 2) ? Long.parseLong(args[2]) : 42L;
		writeSmall(file, dimensions, seed);
		System.out.println("Wrote generated CLIP model (" + dimensions + " dimensions, seed " + seed + ") to " + file);
	}

	/** Uniform weights scaled so each output of a layer with this fan-in has about unit variance. */
	private static OnnxTensor uniform(String name, long[] dims, long seed, int fanIn) {
		long count = 1;
		for (long dim : dims) {
			count *= dim;
		}
		float bound = (float) Math.sqrt(3.0 / fanIn);
		return new OnnxTensor(name, OnnxDataType.FLOAT, dims, TensorData.seededUniform(count, seed, bound));
	}

}

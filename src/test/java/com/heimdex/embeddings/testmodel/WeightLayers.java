package com.heimdex.embeddings.testmodel;

import java.util.List;

/**
 * How a generated model's weighted layers compute: in float32, as exported, or as ONNX Runtime's
 * dynamic quantisation ({@code quantize_dynamic}) rewrites them.
 */
interface WeightLayers {

	/**
	 * Adds a weight matrix {@code [in, out]} named {@code name} (and a bias when asked) with
	 * pseudo-random values from {@code seed}, and the nodes computing
	 * {@code output = input x weight (+ bias)}.
	 */
	void linear(OnnxGraph graph, String input, String name, int in, int out, boolean bias, long seed,
			String output);

	/**
	 * Adds the nodes computing {@code output = a x b} of two activations: a float {@code MatMul},
	 * also in a quantised model, since {@code quantize_dynamic} only quantises MatMuls with a
	 * constant operand ({@code MatMulConstBOnly}).
	 */
	default void matMul(OnnxGraph graph, String a, String b, String output) {
		graph.node("MatMul", List.of(a, b), List.of(output));
	}

	/**
	 * Adds a bias-free convolution of {@code input} with a square {@code kernel} and a stride of the
	 * same size ({@code channels} in, {@code filters} out) and its pseudo-random weight.
	 */
	void patchConvolution(OnnxGraph graph, String input, String name, int channels, int filters, int kernel, long seed,
			String output);

	/** Uniform bound that gives each output of a layer with this fan-in about unit variance. */
	static float bound(int fanIn) {
		return (float) Math.sqrt(3.0 / fanIn);
	}

	/** A float bias vector of small pseudo-random values. */
	static OnnxTensor bias(String name, int size, long seed) {
		return new OnnxTensor(name, OnnxDataType.FLOAT, new long[] { size }, TensorData.seededUniform(size, seed, 0.02f));
	}

}

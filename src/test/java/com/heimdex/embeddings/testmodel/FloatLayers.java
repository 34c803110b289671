package com.heimdex.embeddings.testmodel;

import java.util.List;

/** Plain float32 {@code MatMul} (+ {@code Add} of the bias) and {@code Conv}, as a model exported from PyTorch has. */
final class FloatLayers implements WeightLayers {

	@Override
	public void linear(OnnxGraph graph, String input, String name, int in, int out, boolean bias, long seed,
			String output) {
		graph.initializer(new OnnxTensor(name + ".weight", OnnxDataType.FLOAT, new long[] { in, out },
				TensorData.seededUniform((long) in * out, seed, WeightLayers.bound(in))));
		if (!bias) {
			graph.node("MatMul", List.of(input, name + ".weight"), List.of(output));
			return;
		}
		graph.initializer(WeightLayers.bias(name + ".bias", out, ~seed));
		graph.node("MatMul", List.of(input, name + ".weight"), List.of(name + ".matmul"));
		graph.node("Add", List.of(name + ".matmul", name + ".bias"), List.of(output));
	}

	@Override
	public void patchConvolution(OnnxGraph graph, String input, String name, int channels, int filters, int kernel,
			long seed, String output) {
		int fanIn = channels * kernel * kernel;
		graph.initializer(new OnnxTensor(name + ".weight", OnnxDataType.FLOAT,
				new long[] { filters, channels, kernel, kernel },
				TensorData.seededUniform((long) filters * fanIn, seed, WeightLayers.bound(fanIn))));
		graph.node("Conv", List.of(input, name + ".weight"), List.of(output),
				OnnxAttribute.ints("kernel_shape", kernel, kernel), OnnxAttribute.ints("strides", kernel, kernel));
	}

}

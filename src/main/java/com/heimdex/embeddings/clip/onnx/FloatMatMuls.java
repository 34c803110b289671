package com.heimdex.embeddings.clip.onnx;

import java.util.List;

/** Plain float32 {@code MatMul} (+ {@code Add} of the bias), as a model exported from PyTorch has. */
final class FloatMatMuls implements MatMulStyle {

	@Override
	public void linear(OnnxGraph graph, String input, String name, int in, int out, boolean bias, long seed,
			String output) {
		graph.initializer(new OnnxTensor(name + ".weight", OnnxDataType.FLOAT, new long[] { in, out },
				TensorData.seededUniform((long) in * out, seed, MatMulStyle.bound(in))));
		if (!bias) {
			graph.node("MatMul", List.of(input, name + ".weight"), List.of(output));
			return;
		}
		graph.initializer(MatMulStyle.bias(name + ".bias", out, ~seed));
		graph.node("MatMul", List.of(input, name + ".weight"), List.of(name + ".matmul"));
		graph.node("Add", List.of(name + ".matmul", name + ".bias"), List.of(output));
	}

	@Override
	public void matMul(OnnxGraph graph, String a, String b, String output) {
		graph.node("MatMul", List.of(a, b), List.of(output));
	}

}

package com.heimdex.embeddings.clip.onnx;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MatMuls as ONNX Runtime's {@code quantize_dynamic} (weight type QInt8, per-tensor, symmetric)
 * writes them: each float activation goes through {@code DynamicQuantizeLinear} (uint8, once per
 * tensor however many MatMuls read it), weights are stored as int8 with a float scale and a zero
 * point of 0, and {@code MatMulInteger -> Cast -> Mul(product of the two scales)} gives the float
 * result, to which the float bias is added. MatMuls of two activations (attention) are quantised
 * on both sides, as the quantiser does by default. ONNX Runtime fuses these patterns into
 * {@code DynamicQuantizeMatMul} / {@code MatMulIntegerToFloat} at load, as for the real model.
 */
final class DynamicInt8MatMuls implements MatMulStyle {

	private final Set<String> quantized = new HashSet<>();

	@Override
	public void linear(OnnxGraph graph, String input, String name, int in, int out, boolean bias, long seed,
			String output) {
		String weight = name + ".weight";
		graph.initializer(new OnnxTensor(weight + "_quantized", OnnxDataType.INT8, new long[] { in, out },
				TensorData.seededInt8((long) in * out, seed)));
		graph.initializer(OnnxTensor.floats(weight + "_scale", new long[0],
				new float[] { MatMulStyle.bound(in) / 127 }));
		graph.initializer(new OnnxTensor(weight + "_zero_point", OnnxDataType.INT8, new long[0],
				TensorData.ofBytes(new byte[] { 0 })));
		String product = bias ? name + ".matmul" : output;
		integerMatMul(graph, quantize(graph, input), weight, product);
		if (bias) {
			graph.initializer(MatMulStyle.bias(name + ".bias", out, ~seed));
			graph.node("Add", List.of(product, name + ".bias"), List.of(output));
		}
	}

	@Override
	public void matMul(OnnxGraph graph, String a, String b, String output) {
		integerMatMul(graph, quantize(graph, a), quantize(graph, b), output);
	}

	/** Quantises a float activation once; its uint8 values, scale and zero point share its name. */
	private String quantize(OnnxGraph graph, String activation) {
		if (quantized.add(activation)) {
			graph.node("DynamicQuantizeLinear", List.of(activation),
					List.of(activation + "_quantized", activation + "_scale", activation + "_zero_point"));
		}
		return activation;
	}

	private static void integerMatMul(OnnxGraph graph, String a, String b, String output) {
		graph.node("MatMulInteger", List.of(a + "_quantized", b + "_quantized", a + "_zero_point", b + "_zero_point"),
				List.of(output + "_int32"));
		graph.node("Cast", List.of(output + "_int32"), List.of(output + "_cast"),
				OnnxAttribute.of("to", (long) OnnxDataType.FLOAT.code()));
		graph.node("Mul", List.of(a + "_scale", b + "_scale"), List.of(output + "_scales"));
		graph.node("Mul", List.of(output + "_cast", output + "_scales"), List.of(output));
	}

}

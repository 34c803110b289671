package com.heimdex.embeddings.testmodel;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Weighted layers as ONNX Runtime's {@code quantize_dynamic} (IntegerOps mode) writes them. Each
 * float activation a quantised layer reads goes through {@code DynamicQuantizeLinear} (uint8,
 * once per tensor however many layers read it); weights are stored as 8-bit integers with float
 * scales and zero points; {@code MatMulInteger} (or {@code ConvInteger}) {@code -> Cast -> Mul}
 * (by the product of the two scales) gives the float result, to which a float bias is added.
 * MatMuls of two activations (attention) stay float: {@code quantize_dynamic} sets
 * {@code MatMulConstBOnly}. ONNX Runtime fuses these patterns into {@code DynamicQuantizeMatMul}
 * at load, as it does for a real quantised model.
 */
final class DynamicQuantizedLayers implements WeightLayers {

	/**
	 * What {@code quantize_dynamic} was asked for.
	 *
	 * @param weightType {@link OnnxDataType#INT8} ({@code weight_type=QuantType.QInt8}: symmetric,
	 * zero point 0) or {@link OnnxDataType#UINT8} ({@code QuantType.QUInt8}: asymmetric)
	 * @param perChannel {@code per_channel}: a scale and zero point per output column of a MatMul weight
	 * @param reduceRange {@code reduce_range}: weights in 7 bits
	 * @param convolutions whether {@code Conv} is among the quantised operator types
	 */
	record Recipe(OnnxDataType weightType, boolean perChannel, boolean reduceRange, boolean convolutions) {

		/** The lowest stored weight value. */
		int minimum() {
			return (weightType == OnnxDataType.UINT8) ? 0 : (reduceRange ? -64 : -127);
		}

		/** The highest stored weight value. */
		int maximum() {
			return (weightType == OnnxDataType.UINT8) ? (reduceRange ? 127 : 255) : (reduceRange ? 63 : 127);
		}

		/** The zero point of weights spread evenly around 0. */
		byte zeroPoint() {
			return (weightType == OnnxDataType.UINT8) ? (byte) ((minimum() + maximum() + 1) / 2) : 0;
		}

	}

	private final Recipe recipe;

	private final Set<String> quantized = new HashSet<>();

	DynamicQuantizedLayers(Recipe recipe) {
		this.recipe = recipe;
	}

	@Override
	public void linear(OnnxGraph graph, String input, String name, int in, int out, boolean bias, long seed,
			String output) {
		weight(graph, name + ".weight", new long[] { in, out }, WeightLayers.bound(in), this.recipe.perChannel() ? out : 0,
				seed);
		String product = bias ? name + ".matmul" : output;
		integerProduct(graph, "MatMulInteger", quantize(graph, input), name + ".weight", product);
		if (bias) {
			graph.initializer(WeightLayers.bias(name + ".bias", out, ~seed));
			graph.node("Add", List.of(product, name + ".bias"), List.of(output));
		}
	}

	@Override
	public void patchConvolution(OnnxGraph graph, String input, String name, int channels, int filters, int kernel,
			long seed, String output) {
		if (!this.recipe.convolutions()) {
			new FloatLayers().patchConvolution(graph, input, name, channels, filters, kernel, seed, output);
			return;
		}
		int fanIn = channels * kernel * kernel;
		// quantize_dynamic quantises a Conv weight per tensor whatever per_channel says
		weight(graph, name + ".weight", new long[] { filters, channels, kernel, kernel }, WeightLayers.bound(fanIn), 0,
				seed);
		integerProduct(graph, "ConvInteger", quantize(graph, input), name + ".weight", output,
				OnnxAttribute.ints("kernel_shape", kernel, kernel), OnnxAttribute.ints("strides", kernel, kernel));
	}

	/**
	 * A quantised weight {@code name_quantized} with its {@code name_scale} and
	 * {@code name_zero_point}: scalars, or vectors of {@code columns} when per channel.
	 */
	private void weight(OnnxGraph graph, String name, long[] dims, float bound, int columns, long seed) {
		long count = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
		long[] parameterDims = (columns > 0) ? new long[] { columns } : new long[0];
		int parameters = Math.max(columns, 1);
		float[] scales = new float[parameters];
		Arrays.fill(scales, 2 * bound / (this.recipe.maximum() - this.recipe.minimum()));
		byte[] zeroPoints = new byte[parameters];
		Arrays.fill(zeroPoints, this.recipe.zeroPoint());
		graph.initializer(new OnnxTensor(name + "_quantized", this.recipe.weightType(), dims,
				TensorData.seededBytes(count, seed, this.recipe.minimum(), this.recipe.maximum())))
			.initializer(OnnxTensor.floats(name + "_scale", parameterDims, scales))
			.initializer(new OnnxTensor(name + "_zero_point", this.recipe.weightType(), parameterDims,
					TensorData.ofBytes(zeroPoints)));
	}

	/** Quantises a float activation once; its uint8 values, scale and zero point share its name. */
	private String quantize(OnnxGraph graph, String activation) {
		if (this.quantized.add(activation)) {
			graph.node("DynamicQuantizeLinear", List.of(activation),
					List.of(activation + "_quantized", activation + "_scale", activation + "_zero_point"));
		}
		return activation;
	}

	private static void integerProduct(OnnxGraph graph, String operator, String a, String b, String output,
			OnnxAttribute... attributes) {
		graph.node(operator, List.of(a + "_quantized", b + "_quantized", a + "_zero_point", b + "_zero_point"),
				List.of(output + "_int32"), attributes);
		graph.node("Cast", List.of(output + "_int32"), List.of(output + "_cast"),
				OnnxAttribute.of("to", (long) OnnxDataType.FLOAT.code()));
		graph.node("Mul", List.of(a + "_scale", b + "_scale"), List.of(output + "_scales"));
		graph.node("Mul", List.of(output + "_cast", output + "_scales"), List.of(output));
	}

}

package com.heimdex.embeddings.clip;

import com.heimdex.embeddings.testmodel.OnnxAttribute;
import com.heimdex.embeddings.testmodel.OnnxDataType;
import com.heimdex.embeddings.testmodel.OnnxDim;
import com.heimdex.embeddings.testmodel.OnnxGraph;
import com.heimdex.embeddings.testmodel.OnnxModel;
import com.heimdex.embeddings.testmodel.OnnxTensor;
import com.heimdex.embeddings.testmodel.TensorData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Models that differ from the generated one in one way each, inside or outside the CLIP contract. */
final class VariantModels {

	private VariantModels() {
	}

	/** Takes [N,3,32,32] images instead of 224x224. */
	static Path smallImageInput(Path file) throws IOException {
		OnnxDim batch = OnnxDim.symbolic("N");
		OnnxGraph graph = new OnnxGraph("small_input")
			.input("pixel_values", OnnxDataType.FLOAT, batch, OnnxDim.of(3), OnnxDim.of(32), OnnxDim.of(32))
			.output("image_embeds", OnnxDataType.FLOAT, batch, OnnxDim.of(4))
			.initializer(new OnnxTensor("w", OnnxDataType.FLOAT, new long[] { 4, 3, 32, 32 },
					TensorData.seededUniform(4 * 3 * 32 * 32, 1, 0.01f)))
			.node("Conv", List.of("pixel_values", "w"), List.of("c"), OnnxAttribute.ints("kernel_shape", 32, 32))
			.node("Flatten", List.of("c"), List.of("image_embeds"), OnnxAttribute.of("axis", 1L));
		new OnnxModel(graph).writeTo(file);
		return file;
	}

	/**
	 * Accepts the right input but reshapes its result to a fixed batch of two, so loading (which
	 * probes with two images) succeeds and any other batch size fails inside ONNX Runtime.
	 */
	static Path onlyBatchesOfTwo(Path file, int dimensions) throws IOException {
		OnnxDim batch = OnnxDim.symbolic("N");
		OnnxGraph graph = new OnnxGraph("only_batches_of_two")
			.input("pixel_values", OnnxDataType.FLOAT, batch, OnnxDim.of(3), OnnxDim.of(224), OnnxDim.of(224))
			.output("image_embeds", OnnxDataType.FLOAT, OnnxDim.of(2), OnnxDim.of(dimensions))
			.initializer(new OnnxTensor("w", OnnxDataType.FLOAT, new long[] { dimensions, 3, 224, 224 },
					TensorData.seededUniform((long) dimensions * 3 * 224 * 224, 2, 0.001f)))
			.initializer(OnnxTensor.longs("shape", new long[] { 2 }, new long[] { 2, dimensions }))
			.node("Conv", List.of("pixel_values", "w"), List.of("c"), OnnxAttribute.ints("kernel_shape", 224, 224))
			.node("Reshape", List.of("c", "shape"), List.of("image_embeds"));
		new OnnxModel(graph).writeTo(file);
		return file;
	}

	/** Has a first output {@code last_hidden_state} before {@code image_embeds}, as exported CLIP towers do. */
	static Path hiddenStateFirst(Path file, int dimensions) throws IOException {
		OnnxDim batch = OnnxDim.symbolic("N");
		OnnxGraph graph = new OnnxGraph("hidden_state_first")
			.input("pixel_values", OnnxDataType.FLOAT, batch, OnnxDim.of(3), OnnxDim.of(224), OnnxDim.of(224))
			.output("last_hidden_state", OnnxDataType.FLOAT, batch, OnnxDim.of(4), OnnxDim.of(7), OnnxDim.of(7))
			.output("image_embeds", OnnxDataType.FLOAT, batch, OnnxDim.of(dimensions))
			.initializer(new OnnxTensor("w", OnnxDataType.FLOAT, new long[] { 4, 3, 32, 32 },
					TensorData.seededUniform(4 * 3 * 32 * 32, 3, 0.03f)))
			.initializer(new OnnxTensor("p", OnnxDataType.FLOAT, new long[] { 196, dimensions },
					TensorData.seededUniform(196L * dimensions, 4, 0.1f)))
			.node("Conv", List.of("pixel_values", "w"), List.of("last_hidden_state"),
					OnnxAttribute.ints("kernel_shape", 32, 32), OnnxAttribute.ints("strides", 32, 32))
			.node("Flatten", List.of("last_hidden_state"), List.of("f"), OnnxAttribute.of("axis", 1L))
			.node("MatMul", List.of("f", "p"), List.of("image_embeds"));
		new OnnxModel(graph).writeTo(file);
		return file;
	}

}

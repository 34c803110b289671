package com.heimdex.embeddings.testmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A CLIP-shaped model (input {@code pixel_values} [N,3,224,224], output {@code image_embeds} [N,D])
 * whose output tells which pixels went in: its first 12 values are the mean of each channel's
 * preprocessed input over each quadrant (R top-left, R top-right, R bottom-left, R bottom-right,
 * then G, then B), the rest 0. With {@code CLIP_NORMALIZE=false} a test reads them back as stored.
 */
public final class ProbeClipModel {

	/** Values that carry the quadrant means. */
	public static final int PROBES = 12;

	private ProbeClipModel() {
	}

	public static void write(Path file, int dimensions) {
		float[] spread = new float[PROBES * dimensions];
		for (int i = 0; i < PROBES; i++) {
			spread[i * dimensions + i] = 1;
		}
		OnnxDim batch = OnnxDim.symbolic("N");
		OnnxGraph graph = new OnnxGraph("probe_clip_image_tower")
			.input(GeneratedClipModel.INPUT_NAME, OnnxDataType.FLOAT, batch, OnnxDim.of(3), OnnxDim.of(224),
					OnnxDim.of(224))
			.output(GeneratedClipModel.OUTPUT_NAME, OnnxDataType.FLOAT, batch, OnnxDim.of(dimensions))
			.initializer(OnnxTensor.floats("spread", new long[] { PROBES, dimensions }, spread))
			.node("AveragePool", List.of(GeneratedClipModel.INPUT_NAME), List.of("quadrants"),
					OnnxAttribute.ints("kernel_shape", 112, 112), OnnxAttribute.ints("strides", 112, 112))
			.node("Flatten", List.of("quadrants"), List.of("means"), OnnxAttribute.of("axis", 1L))
			.node("MatMul", List.of("means", "spread"), List.of(GeneratedClipModel.OUTPUT_NAME));
		try {
			new OnnxModel(graph).writeTo(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the probe CLIP model to " + file, ex);
		}
	}

	/** The probe values of a preprocessed tensor (CHW, 224x224), as the model computes them. */
	public static float[] expected(float[] tensor) {
		float[] means = new float[PROBES];
		for (int channel = 0; channel < 3; channel++) {
			for (int quadrant = 0; quadrant < 4; quadrant++) {
				int top = (quadrant / 2) * 112;
				int left = (quadrant % 2) * 112;
				double sum = 0;
				for (int y = top; y < top + 112; y++) {
					for (int x = left; x < left + 112; x++) {
						sum += tensor[channel * 224 * 224 + y * 224 + x];
					}
				}
				means[channel * 4 + quadrant] = (float) (sum / (112 * 112));
			}
		}
		return means;
	}

}

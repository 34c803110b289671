package com.heimdex.embeddings.clip;

import java.nio.file.Path;

/**
 * What the loaded CLIP model is, for a job's start banner and for metadata.
 *
 * @param modelName the configured architecture name, e.g. {@code ViT-B-32}
 * @param pretrained the configured weights source, e.g. {@code openai}
 * @param device where inference runs ({@code cpu})
 * @param dimensions the length of every output vector
 * @param inputName the model input fed with pixels
 * @param outputName the model output read as embeddings
 * @param modelFile the ONNX file loaded
 * @param loadTimeMs how long locating and loading the model took
 * @param cpuThreads the intra-op threads ONNX Runtime uses
 */
public record ClipModelInfo(String modelName, String pretrained, String device, int dimensions, String inputName,
		String outputName, Path modelFile, long loadTimeMs, int cpuThreads) {
}

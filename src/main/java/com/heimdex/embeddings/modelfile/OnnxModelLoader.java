package com.heimdex.embeddings.modelfile;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;

/**
 * Loads an ONNX file with DJL on ONNX Runtime's CPU engine, each run on the thread that calls it
 * (one intra-op and one inter-op thread): the callers run several inferences side by side, one per
 * core, which beats splitting every operator across the cores. Every model of the application is
 * loaded this way.
 */
public final class OnnxModelLoader {

	private OnnxModelLoader() {
	}

	/**
	 * @param label what the model is, for the message when it cannot be loaded (e.g. {@code CLIP model})
	 * @throws InvalidModelException when ONNX Runtime cannot load the file
	 */
	public static ZooModel<NDList, NDList> load(Path file, String label) {
		// ONNX Runtime only: DJL would otherwise borrow PyTorch for NDArray operations if it were on the classpath.
		System.setProperty("ai.djl.onnx.disable_alternative", "true");
		// OrtModel reads these options into its SessionOptions; all values must be strings.
		Criteria<NDList, NDList> criteria = Criteria.builder()
			.setTypes(NDList.class, NDList.class)
			.optEngine("OnnxRuntime")
			.optDevice(Device.cpu())
			// directory plus file name: DJL warns about a model path that is a bare file
			.optModelPath(file.toAbsolutePath().getParent())
			.optModelName(file.getFileName().toString())
			.optTranslator(new NoopTranslator())
			.optOption("interOpNumThreads", "1")
			.optOption("intraOpNumThreads", "1")
			.optOption("executionMode", "SEQUENTIAL")
			.optOption("optLevel", "ALL_OPT")
			.build();
		try {
			return criteria.loadModel();
		}
		catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException ex) {
			throw new InvalidModelException("Cannot load the " + label + " " + file + " with ONNX Runtime: "
					+ ex.getMessage() + rootCauseDetail(ex), ex);
		}
	}

	private static String rootCauseDetail(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root != ex) ? " (" + root.getMessage() + ")" : "";
	}

}

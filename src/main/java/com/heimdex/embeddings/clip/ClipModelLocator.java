package com.heimdex.embeddings.clip;

import java.nio.file.Path;

import com.heimdex.embeddings.modelfile.ModelFileException;
import com.heimdex.embeddings.modelfile.ModelFileLocator;
import com.heimdex.embeddings.modelfile.ModelFileSource;

/**
 * Finds the ONNX file of the CLIP image model: {@code CLIP_MODEL_PATH} when set; else a file in
 * {@code CLIP_CACHE_DIR} whose name contains {@code CLIP_MODEL_SHA256} and whose content hashes
 * to it; else a fresh download of {@code CLIP_MODEL_URL}, verified and cached as
 * {@code <sha256>.onnx} (the application's {@link ModelFileLocator}).
 */
public class ClipModelLocator {

	private final ModelFileLocator files;

	public ClipModelLocator(ClipProperties properties) {
		this.files = new ModelFileLocator(new ModelFileSource("CLIP model", "CLIP", properties.modelPath(),
				properties.modelUrl(), properties.modelSha256(), properties.cacheDir(), "CLIP_CACHE_DIR"));
	}

	/** The readable model file, downloading it first if needed. */
	public Path locate() {
		try {
			return this.files.locate();
		}
		catch (ModelFileException ex) {
			throw new ClipModelException(ex.getMessage(), ex);
		}
	}

}

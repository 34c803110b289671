package com.heimdex.embeddings.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import com.heimdex.embeddings.hash.Sha256;

import org.springframework.stereotype.Component;

/**
 * What identifies how a CLIP image vector is made: the model file's sha256, its output size, the
 * preprocessing and the normalisation. Vectors made with another identity are stale. Recorded in
 * {@code visual_clip_metadata} as {@code model_sha256} and {@code method_fingerprint}.
 */
@Component
public class ClipEmbeddingMethod {

	/** The preprocessing, in words; a change in how pixels reach the model changes this text. */
	public static final String PREPROCESSING = "CLIPImageProcessor: RGB, PIL bicubic resize of the shortest side"
			+ " (antialiased, uint8 rounding), centre crop, scale to [0,1], mean (0.48145466, 0.4578275, 0.40821073),"
			+ " std (0.26862954, 0.26130258, 0.27577711)";

	private final ClipProperties clip;

	private volatile String modelSha256;

	ClipEmbeddingMethod(ClipProperties clip) {
		this.clip = clip;
	}

	/** Whether CLIP vectors are made at all ({@code CLIP_ENABLED}). */
	public boolean enabled() {
		return this.clip.enabled();
	}

	/**
	 * The model's sha256: {@code CLIP_MODEL_SHA256} for a downloaded model (the download is checked
	 * against it), the file's own hash for {@code CLIP_MODEL_PATH} (hashed once per process).
	 */
	public String modelSha256() {
		String sha256 = this.modelSha256;
		if (sha256 == null) {
			sha256 = (this.clip.modelPath() != null) ? hashOfModelFile() : this.clip.modelSha256();
			this.modelSha256 = sha256;
		}
		return sha256;
	}

	/** The identity's parts, in a fixed order. */
	public Map<String, String> identity() {
		Map<String, String> identity = new LinkedHashMap<>();
		identity.put("model_sha256", modelSha256());
		identity.put("model_name", this.clip.modelName());
		identity.put("pretrained", this.clip.pretrained());
		identity.put("dimensions", Integer.toString(this.clip.dimensions()));
		identity.put("image_size", Integer.toString(this.clip.maxImageSize()));
		identity.put("preprocessing", PREPROCESSING);
		identity.put("normalized", Boolean.toString(this.clip.normalize()));
		return identity;
	}

	/** SHA-256 of {@link #identity()}: equal for vectors made the same way. */
	public String fingerprint() {
		return Sha256.ofText(identity().toString());
	}

	private String hashOfModelFile() {
		try {
			return Files.isRegularFile(this.clip.modelPath()) ? Sha256.of(this.clip.modelPath())
					: "missing:" + this.clip.modelPath();
		}
		catch (IOException ex) {
			return "unreadable:" + this.clip.modelPath();
		}
	}

}

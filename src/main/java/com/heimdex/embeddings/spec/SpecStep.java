package com.heimdex.embeddings.spec;

import java.util.LinkedHashMap;
import java.util.Map;

import com.heimdex.embeddings.hash.Sha256;

/**
 * One step of the embedding spec and what identifies its method.
 *
 * @param name the step's name, as the {@code steps} job parameter takes it
 * @param description what it makes, in words
 * @param enabled whether the settings switch it on
 * @param offReason why it is off ({@code CLIP_ENABLED=false}, ...), {@code null} when on
 * @param identity what identifies its method (models and their sha256, dimensions, text rules,
 * preprocessing, aggregation), in a fixed order
 */
public record SpecStep(String name, String description, boolean enabled, String offReason,
		Map<String, String> identity) {

	public SpecStep {
		identity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identity));
	}

	static SpecStep on(String name, String description, Map<String, String> identity) {
		return new SpecStep(name, description, true, null, identity);
	}

	static SpecStep off(String name, String description, String offReason, Map<String, String> identity) {
		return new SpecStep(name, description, false, offReason, identity);
	}

	/**
	 * SHA-256 of the step's identity: what rows made by the step record (for CLIP vectors, the
	 * {@code method_fingerprint} of their metadata), so steps made the same way share it.
	 */
	public String fingerprint() {
		return Sha256.ofText(this.identity.toString());
	}

}

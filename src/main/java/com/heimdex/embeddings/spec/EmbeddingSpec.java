package com.heimdex.embeddings.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.heimdex.embeddings.hash.Sha256;

/**
 * The latest embedding methods (seeds/004's {@code ReprocessSpec}): a version, bumped when the
 * code changes how an embedding is made, and the steps in the order a reprocess runs them. The
 * fingerprint covers the version and the enabled steps' identities, settings included, so that a
 * changed {@code EMBEDDING_MODEL} or CLIP model makes rows stale without anyone bumping the version.
 * Switched-off steps are left out of it.
 *
 * @param version {@link #LATEST_VERSION}
 * @param steps every step, enabled or not, in order
 */
public record EmbeddingSpec(String version, List<SpecStep> steps) {

	/** seeds/004's {@code LATEST_EMBEDDING_SPEC_VERSION}: bump it when the code changes how an embedding is made. */
	public static final String LATEST_VERSION = "2026-12-01";

	public static final String SCENE_TEXT = "sceneText";

	public static final String SCENE_CLIP = "sceneClip";

	public static final String PERSON_PHOTOS = "personPhotos";

	public static final String PERSON_QUERY = "personQuery";

	public static final String SCENE_PERSONS = "scenePersons";

	public static final String LEXICAL_INDEX = "lexicalIndex";

	/** Every step name, in order (the {@code steps} job parameter's values). */
	public static final List<String> STEP_NAMES = List.of(SCENE_TEXT, SCENE_CLIP, PERSON_PHOTOS, PERSON_QUERY,
			SCENE_PERSONS, LEXICAL_INDEX);

	public EmbeddingSpec {
		steps = List.copyOf(steps);
	}

	public Optional<SpecStep> step(String name) {
		return this.steps.stream().filter((step) -> step.name().equals(name)).findFirst();
	}

	/** Whether the step exists and the settings switch it on. */
	public boolean enabled(String name) {
		return step(name).map(SpecStep::enabled).orElse(false);
	}

	/** The step's fingerprint, or {@code null} when it is off. */
	public String stepFingerprint(String name) {
		return step(name).filter(SpecStep::enabled).map(SpecStep::fingerprint).orElse(null);
	}

	public List<SpecStep> enabledSteps() {
		return this.steps.stream().filter(SpecStep::enabled).toList();
	}

	/** SHA-256 of the version and the enabled steps' fingerprints. */
	public String fingerprint() {
		StringBuilder text = new StringBuilder(this.version);
		enabledSteps().forEach((step) -> text.append('\n').append(step.name()).append('=').append(step.fingerprint()));
		return Sha256.ofText(text.toString());
	}

	/** The spec as {@code help} and {@code status} print it. */
	public List<String> describe() {
		List<String> lines = new ArrayList<>();
		lines.add("Embedding spec " + this.version + " (fingerprint " + fingerprint() + ")");
		for (SpecStep step : this.steps) {
			lines.add("  " + step.name() + ": " + step.description()
					+ (step.enabled() ? " [fingerprint " + step.fingerprint().substring(0, 12) + "]"
							: " [off: " + step.offReason() + "; not in the fingerprint]"));
			step.identity().forEach((key, value) -> lines.add("      " + key + ": " + value));
		}
		return lines;
	}

}

package com.heimdex.embeddings.spec;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.heimdex.embeddings.clip.ClipEmbeddingMethod;
import com.heimdex.embeddings.lexical.LexicalIndexMethod;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.sceneperson.PersonDetector;
import com.heimdex.embeddings.sceneperson.PersonDetectorSettings;
import com.heimdex.embeddings.text.TextEmbeddingProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Declares the current embedding spec from the code and the settings. A new step is one more entry
 * in {@link #current()} (and its name in {@link EmbeddingSpec#STEP_NAMES}).
 */
@Component
public class EmbeddingSpecs {

	/** The text channels the spec embeds ({@code summary} is off, as in seeds/004). */
	public static final Set<TextChannel> TEXT_CHANNELS = EnumSet.of(TextChannel.TRANSCRIPT, TextChannel.VISUAL);

	/** How a person's query embedding is made from its photos. */
	public static final String PERSON_QUERY_AGGREGATION = "L2-normalised mean of the L2-normalised vectors of the"
			+ " person's READY reference photos; NULL without any";

	private final ClipEmbeddingMethod clip;

	private final TextEmbeddingProperties text;

	private final LexicalIndexMethod lexical;

	private final PersonDetectorSettings detectorSettings;

	private final ObjectProvider<PersonDetector> detector;

	EmbeddingSpecs(ClipEmbeddingMethod clip, TextEmbeddingProperties text, LexicalIndexMethod lexical,
			PersonDetectorSettings detectorSettings, ObjectProvider<PersonDetector> detector) {
		this.clip = clip;
		this.text = text;
		this.lexical = lexical;
		this.detectorSettings = detectorSettings;
		this.detector = detector;
	}

	/** The spec the settings give now. */
	public EmbeddingSpec current() {
		return new EmbeddingSpec(EmbeddingSpec.LATEST_VERSION, List.of(sceneText(), sceneClip(), personPhotos(),
				personQuery(), scenePersons(), lexicalIndex()));
	}

	private SpecStep sceneText() {
		Map<String, String> identity = new LinkedHashMap<>();
		identity.put("model", this.text.model());
		identity.put("dimensions", Integer.toString(this.text.dimensions()));
		identity.put("max_input_tokens", Integer.toString(this.text.maxInputTokens()));
		identity.put("channels", TEXT_CHANNELS.stream().map(TextChannel::key).collect(Collectors.joining(",")));
		TEXT_CHANNELS.forEach((channel) -> identity.put(channel.key() + "_text", channel.textExpression()));
		String description = "scene text embeddings (" + this.text.model() + ", " + this.text.dimensions()
				+ "d) of channels " + identity.get("channels");
		return this.text.enabled() ? SpecStep.on(EmbeddingSpec.SCENE_TEXT, description, identity)
				: SpecStep.off(EmbeddingSpec.SCENE_TEXT, description, "EMBEDDING_ENABLED=false", identity);
	}

	private SpecStep sceneClip() {
		return clipStep(EmbeddingSpec.SCENE_CLIP, "scene CLIP embeddings of thumbnails", this.clip.identity());
	}

	private SpecStep personPhotos() {
		return clipStep(EmbeddingSpec.PERSON_PHOTOS, "person reference photo CLIP embeddings", this.clip.identity());
	}

	private SpecStep personQuery() {
		Map<String, String> identity = new LinkedHashMap<>();
		identity.put("aggregation", PERSON_QUERY_AGGREGATION);
		identity.put("photo_method_fingerprint", this.clip.fingerprint());
		return clipStep(EmbeddingSpec.PERSON_QUERY, "person query embeddings", identity);
	}

	/**
	 * Persons detected in thumbnails, each crop embedded by CLIP: identified by the detector (format,
	 * model, thresholds, limits, crop margin) and the CLIP method; off without a detector model, or
	 * without CLIP.
	 */
	private SpecStep scenePersons() {
		String description = "scene persons: detected in thumbnails, each crop's CLIP embedding, matched to persons";
		Map<String, String> identity = new LinkedHashMap<>();
		if (!this.detectorSettings.enabled()) {
			return SpecStep.off(EmbeddingSpec.SCENE_PERSONS, description, this.detectorSettings.offReason().orElseThrow(),
					identity);
		}
		this.detector.getObject().identity().forEach((key, value) -> identity.put("detector_" + key, value));
		this.clip.identity().forEach((key, value) -> identity.put("clip_" + key, value));
		return clipStep(EmbeddingSpec.SCENE_PERSONS, description, identity);
	}

	private SpecStep lexicalIndex() {
		Map<String, String> identity = new LinkedHashMap<>();
		identity.put("target", this.lexical.target());
		identity.put("document", this.lexical.profile());
		return SpecStep.on(EmbeddingSpec.LEXICAL_INDEX,
				"lexical (BM25) search documents of scene texts on " + this.lexical.target(), identity);
	}

	private SpecStep clipStep(String name, String description, Map<String, String> identity) {
		return this.clip.enabled() ? SpecStep.on(name, description, identity)
				: SpecStep.off(name, description, "CLIP_ENABLED=false", identity);
	}

}

package com.heimdex.embeddings.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.heimdex.embeddings.clip.ClipEmbeddingMethod;
import com.heimdex.embeddings.lexical.LexicalIndexMethod;
import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.sceneperson.PersonDetector;
import com.heimdex.embeddings.sceneperson.PersonDetectorProperties;
import com.heimdex.embeddings.sceneperson.PersonDetectorSettings;
import com.heimdex.embeddings.testmodel.GeneratedDetectorModel;
import com.heimdex.embeddings.text.TextEmbeddingProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec and its fingerprint as the settings make them. */
class EmbeddingSpecsTest {

	@TempDir
	Path directory;

	@Test
	void anotherTextModelChangesTheSpecAndTheTextStepOnly() {
		EmbeddingSpec before = spec(Map.of());
		EmbeddingSpec after = spec(Map.of("embedding.model", "text-embedding-3-large"));

		assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
		assertThat(after.stepFingerprint(EmbeddingSpec.SCENE_TEXT)).isNotEqualTo(before.stepFingerprint(EmbeddingSpec.SCENE_TEXT));
		assertThat(after.stepFingerprint(EmbeddingSpec.SCENE_CLIP)).isEqualTo(before.stepFingerprint(EmbeddingSpec.SCENE_CLIP));
		assertThat(after.stepFingerprint(EmbeddingSpec.PERSON_QUERY)).isEqualTo(before.stepFingerprint(EmbeddingSpec.PERSON_QUERY));
	}

	@Test
	void anotherClipModelFileChangesTheClipStepsNotTheTextStep() throws Exception {
		Path first = Files.write(this.directory.resolve("a.onnx"), new byte[] { 1, 2, 3 });
		Path second = Files.write(this.directory.resolve("b.onnx"), new byte[] { 1, 2, 4 });
		EmbeddingSpec before = spec(Map.of("clip.model-path", first.toString()));
		EmbeddingSpec after = spec(Map.of("clip.model-path", second.toString()));

		assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
		for (String step : new String[] { EmbeddingSpec.SCENE_CLIP, EmbeddingSpec.PERSON_PHOTOS, EmbeddingSpec.PERSON_QUERY }) {
			assertThat(after.stepFingerprint(step)).as(step).isNotEqualTo(before.stepFingerprint(step));
		}
		assertThat(after.stepFingerprint(EmbeddingSpec.SCENE_TEXT)).isEqualTo(before.stepFingerprint(EmbeddingSpec.SCENE_TEXT));
		assertThat(after.step(EmbeddingSpec.SCENE_CLIP).orElseThrow().identity().get("model_sha256"))
			.isEqualTo(com.heimdex.embeddings.hash.Sha256.of(second));
	}

	@Test
	void aSwitchedOffStepIsLeftOutOfTheFingerprintAndSaysWhy() {
		EmbeddingSpec on = spec(Map.of());
		EmbeddingSpec clipOff = spec(Map.of("clip.enabled", "false"));
		EmbeddingSpec clipOffOtherModel = spec(Map.of("clip.enabled", "false", "clip.model-sha256", "0".repeat(64)));
		EmbeddingSpec textOff = spec(Map.of("embedding.enabled", "false"));

		assertThat(clipOff.fingerprint()).isNotEqualTo(on.fingerprint()).isEqualTo(clipOffOtherModel.fingerprint());
		assertThat(clipOff.enabledSteps()).extracting(SpecStep::name)
			.containsExactly(EmbeddingSpec.SCENE_TEXT, EmbeddingSpec.LEXICAL_INDEX);
		assertThat(clipOff.describe()).anySatisfy((line) -> assertThat(line).contains("sceneClip")
			.contains("off: CLIP_ENABLED=false; not in the fingerprint"));
		assertThat(textOff.enabledSteps()).extracting(SpecStep::name).doesNotContain(EmbeddingSpec.SCENE_TEXT);
		assertThat(textOff.describe()).anySatisfy((line) -> assertThat(line).contains("EMBEDDING_ENABLED=false"));
	}

	@Test
	void withoutADetectorTheScenePersonsStepIsOffAndSaysWhy() {
		EmbeddingSpec spec = spec(Map.of());

		assertThat(spec.enabled(EmbeddingSpec.SCENE_PERSONS)).isFalse();
		assertThat(spec.describe()).anySatisfy((line) -> assertThat(line).contains("scenePersons")
			.contains("off: no PERSON_DETECTOR_MODEL_PATH or PERSON_DETECTOR_MODEL_URL; not in the fingerprint"));
	}

	@Test
	void theScenePersonsStepIsIdentifiedByItsDetectorAndTheClipModel() {
		Path model = this.directory.resolve("yolov8.onnx");
		GeneratedDetectorModel.writeYolov8(model);
		Map<String, String> detector = Map.of("person-detector.model-path", model.toString(), "person-detector.format",
				"yolov8");
		EmbeddingSpec off = spec(Map.of());
		EmbeddingSpec on = spec(detector);
		Map<String, String> stricter = new HashMap<>(detector);
		stricter.put("person-detector.score-threshold", "0.8");
		EmbeddingSpec stricterSpec = spec(stricter);
		Map<String, String> otherClip = new HashMap<>(detector);
		otherClip.put("clip.model-sha256", "0".repeat(64));

		assertThat(on.enabled(EmbeddingSpec.SCENE_PERSONS)).isTrue();
		assertThat(on.fingerprint()).isNotEqualTo(off.fingerprint());
		assertThat(on.step(EmbeddingSpec.SCENE_PERSONS).orElseThrow().identity())
			.containsEntry("detector_format", "yolov8")
			.containsEntry("clip_model_sha256", ClipProperties.DEFAULT_MODEL_SHA256);
		assertThat(stricterSpec.stepFingerprint(EmbeddingSpec.SCENE_PERSONS))
			.isNotEqualTo(on.stepFingerprint(EmbeddingSpec.SCENE_PERSONS));
		assertThat(stricterSpec.stepFingerprint(EmbeddingSpec.SCENE_CLIP)).isEqualTo(on.stepFingerprint(EmbeddingSpec.SCENE_CLIP));
		assertThat(spec(otherClip).stepFingerprint(EmbeddingSpec.SCENE_PERSONS))
			.isNotEqualTo(on.stepFingerprint(EmbeddingSpec.SCENE_PERSONS));
	}

	@Test
	void theVersionIsPrintedWithTheFingerprint() {
		EmbeddingSpec spec = spec(Map.of());

		assertThat(spec.describe().get(0)).isEqualTo("Embedding spec " + EmbeddingSpec.LATEST_VERSION + " (fingerprint "
				+ spec.fingerprint() + ")");
	}

	@Test
	void anotherLexicalTextSearchConfigurationOrBackEndMakesOnlyTheLexicalStepStale() {
		EmbeddingSpec simple = spec(Map.of());
		EmbeddingSpec english = spec(Map.of(), new LexicalIndexMethod("postgresql", "postgresql:english"));

		assertThat(english.fingerprint()).isNotEqualTo(simple.fingerprint());
		assertThat(english.stepFingerprint(EmbeddingSpec.LEXICAL_INDEX))
			.isNotEqualTo(simple.stepFingerprint(EmbeddingSpec.LEXICAL_INDEX));
		for (String step : new String[] { EmbeddingSpec.SCENE_TEXT, EmbeddingSpec.SCENE_CLIP }) {
			assertThat(english.stepFingerprint(step)).as(step).isEqualTo(simple.stepFingerprint(step));
		}
	}

	private static EmbeddingSpec spec(Map<String, String> settings) {
		return spec(settings, new LexicalIndexMethod("postgresql", "postgresql:simple"));
	}

	private static EmbeddingSpec spec(Map<String, String> settings, LexicalIndexMethod lexical) {
		Map<String, String> values = new HashMap<>(settings);
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		ClipProperties clip = binder.bindOrCreate("clip", ClipProperties.class);
		TextEmbeddingProperties text = binder.bindOrCreate("embedding", TextEmbeddingProperties.class);
		ClipEmbeddingMethod method = BeanUtils.instantiateClass(
				BeanUtils.getResolvableConstructor(ClipEmbeddingMethod.class), clip);
		PersonDetectorSettings detectorSettings = new PersonDetectorSettings(
				binder.bindOrCreate("person-detector", PersonDetectorProperties.class), Path.of("unused"));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (detectorSettings.enabled()) {
			beans.addBean("personDetector", PersonDetector.load(detectorSettings));
		}
		return new EmbeddingSpecs(method, text, lexical, detectorSettings, beans.getBeanProvider(PersonDetector.class))
			.current();
	}

}

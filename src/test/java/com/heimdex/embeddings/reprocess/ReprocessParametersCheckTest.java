package com.heimdex.embeddings.reprocess;

import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.SpecStep;
import com.heimdex.embeddings.text.OpenAiEndpointProperties;
import com.heimdex.embeddings.text.TextEmbeddingProperties;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules across reprocess's options and the settings, which a start and a restart check alike. */
class ReprocessParametersCheckTest {

	private static final Binder DEFAULTS = new Binder(new MapConfigurationPropertySource(Map.of()));

	private static final ClipProperties CLIP = DEFAULTS.bindOrCreate("clip", ClipProperties.class);

	private static final TextEmbeddingProperties TEXT = DEFAULTS.bindOrCreate("embedding", TextEmbeddingProperties.class);

	private static final OpenAiEndpointProperties KEYED = new OpenAiEndpointProperties("sk-x", "https://api.openai.com/v1");

	@Test
	void aSwitchedOffStepNamedInStepsIsRefusedNamingTheSetting() {
		String problem = check(spec(true, false), KEYED).problem(parameters("all").addString("steps", "sceneClip")
			.toJobParameters());

		assertThat(problem).contains("steps=sceneClip").contains("CLIP_ENABLED=false");
	}

	@Test
	void everyStepSwitchedOffIsRefused() {
		assertThat(check(spec(false, false), KEYED).problem(parameters("all").toJobParameters()))
			.contains("every step is switched off");
	}

	@Test
	void openAisEndpointWithoutAKeyIsRefusedUnlessTheTextStepDoesNotRunOrItIsADryRun() {
		OpenAiEndpointProperties keyless = new OpenAiEndpointProperties(null, "https://api.openai.com/v1");

		assertThat(check(spec(true, true), keyless).problem(parameters("all").toJobParameters()))
			.contains("OPENAI_API_KEY");
		assertThat(check(spec(true, true), keyless).problem(parameters("all").addJobParameter("dryRun", Boolean.TRUE, Boolean.class)
			.toJobParameters())).isNull();
		assertThat(check(spec(true, true), keyless).problem(parameters("all").addString("steps", "sceneClip")
			.toJobParameters())).isNull();
	}

	@Test
	void theScopeNeedsItsIdAndNoOther() {
		ReprocessJobConfiguration.ReprocessParametersCheck check = check(spec(true, true), KEYED);

		assertThat(check.problem(new JobParametersBuilder().addJobParameter("dryRun", Boolean.FALSE, Boolean.class).toJobParameters()))
			.contains("'scope' is missing");
		assertThat(check.problem(parameters("video").toJobParameters())).contains("videoId");
		assertThat(check.problem(parameters("owner").addString("videoId", "x").addString("ownerId", "y")
			.toJobParameters())).contains("videoId is only allowed with scope=video");
		assertThat(check.problem(parameters("owner").addString("ownerId", "y").toJobParameters())).isNull();
	}

	private static JobParametersBuilder parameters(String scope) {
		return new JobParametersBuilder().addString("scope", scope).addJobParameter("dryRun", Boolean.FALSE, Boolean.class);
	}

	private static ReprocessJobConfiguration.ReprocessParametersCheck check(EmbeddingSpec spec,
			OpenAiEndpointProperties endpoint) {
		return new ReprocessJobConfiguration.ReprocessParametersCheck(spec, CLIP, TEXT, endpoint);
	}

	private static EmbeddingSpec spec(boolean text, boolean clip) {
		return new EmbeddingSpec(EmbeddingSpec.LATEST_VERSION, List.of(
				step(EmbeddingSpec.SCENE_TEXT, text, "EMBEDDING_ENABLED=false"),
				step(EmbeddingSpec.SCENE_CLIP, clip, "CLIP_ENABLED=false"),
				step(EmbeddingSpec.PERSON_PHOTOS, clip, "CLIP_ENABLED=false"),
				step(EmbeddingSpec.PERSON_QUERY, clip, "CLIP_ENABLED=false")));
	}

	private static SpecStep step(String name, boolean on, String offReason) {
		return new SpecStep(name, name, on, on ? null : offReason, Map.of("method", name));
	}

}

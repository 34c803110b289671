package com.heimdex.embeddings.sceneperson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.modelfile.InvalidModelException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The detector bean exists when a model is configured, loaded and checked at start; else only its settings. */
class PersonDetectorConfigurationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(PersonDetectorConfiguration.class, BoundSettings.class);

	@Test
	void withoutAModelThereIsNoDetectorOnlySettingsSayingWhy() {
		this.context.run((started) -> {
			assertThat(started).hasNotFailed().doesNotHaveBean(PersonDetector.class);
			assertThat(started.getBean(PersonDetectorSettings.class).offReason())
				.contains(PersonDetectorSettings.NOT_CONFIGURED);
		});
	}

	@Test
	void withAModelPathTheDetectorIsLoadedAtStart() {
		Path model = DetectorTestSupport.ultrafaceModel();
		this.context.withPropertyValues("person-detector.model-path=" + model, "person-detector.format=ultraface")
			.run((started) -> {
				assertThat(started).hasNotFailed().hasSingleBean(PersonDetector.class);
				assertThat(started.getBean(PersonDetector.class).format()).isEqualTo(DetectorFormat.ULTRAFACE);
				assertThat(started.getBean(PersonDetectorSettings.class).enabled()).isTrue();
			});
	}

	@Test
	void aModelOfAnotherFormatStopsTheStart() {
		Path model = DetectorTestSupport.ultrafaceModel();
		this.context.withPropertyValues("person-detector.model-path=" + model, "person-detector.format=yolov8")
			.run((started) -> assertThat(started).getFailure()
				.rootCause()
				.isInstanceOf(InvalidModelException.class)
				.hasMessageContaining("does not fit PERSON_DETECTOR_FORMAT=yolov8"));
	}

	@Test
	void anEmptyModelPathLeavesTheDetectorOff() {
		this.context.withPropertyValues("person-detector.model-path=", "person-detector.model-url= ")
			.run((started) -> assertThat(started).hasNotFailed().doesNotHaveBean(PersonDetector.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PersonDetectorProperties.class, ClipProperties.class })
	static class BoundSettings {

	}

}

package com.heimdex.embeddings.sceneperson;

import com.heimdex.embeddings.clip.ClipProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The person detector's settings, always; the detector itself only when a model is configured. It
 * is loaded and checked against its format at start, so a model of another format stops the
 * command before anything runs (exit 2).
 */
@Configuration(proxyBeanMethods = false)
class PersonDetectorConfiguration {

	@Bean
	PersonDetectorSettings personDetectorSettings(PersonDetectorProperties properties, ClipProperties clip) {
		return new PersonDetectorSettings(properties, clip.cacheDir());
	}

	@Bean
	@Conditional(DetectorModelConfigured.class)
	PersonDetector personDetector(PersonDetectorSettings settings) {
		return PersonDetector.load(settings);
	}

	/** A model path or URL is set ({@code PERSON_DETECTOR_MODEL_PATH} or {@code _URL}). */
	static final class DetectorModelConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Binder binder = Binder.get(context.getEnvironment());
			return isSet(binder, "person-detector.model-path") || isSet(binder, "person-detector.model-url");
		}

		private static boolean isSet(Binder binder, String name) {
			return !binder.bind(name, String.class).map(String::trim).orElse("").isEmpty();
		}

	}

}

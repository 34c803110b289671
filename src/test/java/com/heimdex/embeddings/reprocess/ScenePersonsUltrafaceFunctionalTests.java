package com.heimdex.embeddings.reprocess;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The {@code scenePersons} step with an ultraface detector (input stretched to 320x240). */
class ScenePersonsUltrafaceFunctionalTests extends ScenePersonsFunctionalTests {

	@DynamicPropertySource
	static void ultraface(DynamicPropertyRegistry registry) {
		settings(registry, ScenePersonsTestScenes.ultrafaceModel(), "ultraface");
	}

	@Override
	int inputWidth() {
		return 320;
	}

	@Override
	int inputHeight() {
		return 240;
	}

}

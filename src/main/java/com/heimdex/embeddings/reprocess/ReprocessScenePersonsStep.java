package com.heimdex.embeddings.reprocess;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.heimdex.embeddings.batch.HeldRunLocks;
import com.heimdex.embeddings.clip.ClipImagePipelines;
import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.metrics.RunMetrics;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.SceneCounts;
import com.heimdex.embeddings.scene.SceneSelection;
import com.heimdex.embeddings.sceneperson.DetectedPersons;
import com.heimdex.embeddings.sceneperson.PersonDetector;
import com.heimdex.embeddings.sceneperson.PersonMatchProperties;
import com.heimdex.embeddings.sceneperson.PersonScene;
import com.heimdex.embeddings.sceneperson.PersonSceneReader;
import com.heimdex.embeddings.sceneperson.ScenePersonRepository;
import com.heimdex.embeddings.sceneperson.ScenePersonsMetadata;
import com.heimdex.embeddings.sceneperson.ScenePersonsPreparer;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code scenePersons} step of {@code reprocess}: scenes of the run's videos whose persons were
 * never found, failed, or were found another way; each thumbnail fetched and decoded once, the
 * persons detected in it, their crops embedded by CLIP in batches across scenes (the shared image
 * pipeline), the scene's detections replaced and matched to the owner's persons. Off without a
 * detector model.
 */
@Configuration(proxyBeanMethods = false)
class ReprocessScenePersonsStep {

	@Bean
	@JobScope
	Step scenePersonsStep(@Value("#{jobParameters}") Map<String, Object> jobParameters,
			@Value("#{jobExecutionContext['" + ReprocessParameters.LAST_VIDEO_ID + "']}") String lastVideoId,
			JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
			EmbeddingSpecs specs, ObjectProvider<PersonDetector> detector, ClipImagePipelines pipelines,
			ClipProperties clip, ThumbnailFetcher fetcher, ThumbnailDecoder decoder, ScenePersonRepository repository,
			PersonMatchProperties match, SceneCounts sceneCounts, JsonMapper json, HeldRunLocks runLocks,
			RunMetrics runMetrics) {
		ReprocessParameters parameters = ReprocessParameters.from(jobParameters);
		EmbeddingSpec spec = specs.current();
		String skipped = ReprocessJobConfiguration.notRunning(EmbeddingSpec.SCENE_PERSONS, parameters, spec);
		if (skipped != null) {
			return ReprocessJobConfiguration.skipped(EmbeddingSpec.SCENE_PERSONS, skipped, jobRepository,
					transactionManager);
		}
		PersonDetector personDetector = detector.getObject();
		String fingerprint = spec.stepFingerprint(EmbeddingSpec.SCENE_PERSONS);
		SceneSelection scenes = StaleScenes.persons(parameters.videoScope(lastVideoId), fingerprint, parameters.force());
		ScenePersonsMetadata metadata = new ScenePersonsMetadata(json, personDetector.identity(), fingerprint,
				spec.version());
		ScenePersonsStepWriter writer = new ScenePersonsStepWriter(repository, metadata, spec.fingerprint(),
				match.threshold(), parameters.dryRun());
		return new StepBuilder(EmbeddingSpec.SCENE_PERSONS, jobRepository)
			.<PreparedImage<PersonScene>, PreparedImage<PersonScene>>chunk(parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(pipelines.createWithParts(PersonSceneReader.create("stalePersonScenes", dataSource, scenes,
					parameters.batchSize()), new ScenePersonsPreparer(fetcher, decoder, new DetectedPersons(personDetector)),
					ScenePersonsPreparer.PARTS, parameters.batchSize(), clip.timeoutS(), parameters.dryRun()))
			.writer(writer)
			.listener(writer)
			.listener(new ReprocessStepReport<PreparedImage<PersonScene>>(EmbeddingSpec.SCENE_PERSONS,
					scenes.describe(), () -> sceneCounts.pending(scenes), List.of(ScenePersonsStepWriter.DETECTIONS)))
			.listener(runMetrics.stepListener())
			.listener(runLocks.guard())
			.build();
	}

}

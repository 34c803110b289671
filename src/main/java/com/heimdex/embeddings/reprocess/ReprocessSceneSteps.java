package com.heimdex.embeddings.reprocess;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.heimdex.embeddings.batch.HeldRunLocks;
import com.heimdex.embeddings.clip.ClipEmbeddingMethod;
import com.heimdex.embeddings.clip.ClipImagePipelines;
import com.heimdex.embeddings.clip.ClipMetadata;
import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.metrics.RunMetrics;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.PendingClipScene;
import com.heimdex.embeddings.scene.PendingClipSceneReader;
import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.PendingTextSceneReader;
import com.heimdex.embeddings.scene.SceneClipRepository;
import com.heimdex.embeddings.scene.SceneCounts;
import com.heimdex.embeddings.scene.SceneSelection;
import com.heimdex.embeddings.scene.SceneTextRepository;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.text.OpenAiEmbeddingClient;
import com.heimdex.embeddings.text.SceneTextEmbedder;
import com.heimdex.embeddings.text.TextEmbeddingCache;
import com.heimdex.embeddings.text.TextEmbeddingProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The scene steps of {@code reprocess}: {@code sceneText} (the spec's channels whose text, model or
 * dimensions changed, with {@code textBackfill}'s packing, cache, budgets and retries) and
 * {@code sceneClip} (thumbnails whose CLIP vector is missing, failed or of another method, through
 * the shared image pipeline), over the scenes of the run's videos.
 */
@Configuration(proxyBeanMethods = false)
class ReprocessSceneSteps {

	/** The {@code sceneClip} step's count of thumbnails embedded. */
	static final String IMAGES = "images";

	@Bean
	@JobScope
	Step reprocessSceneTextStep(@Value("#{jobParameters}") Map<String, Object> jobParameters,
			@Value("#{jobExecutionContext['" + ReprocessParameters.LAST_VIDEO_ID + "']}") String lastVideoId,
			JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
			EmbeddingSpecs specs, OpenAiEmbeddingClient client, TextEmbeddingCache cache,
			TextEmbeddingProperties settings, SceneTextRepository repository, SceneCounts sceneCounts, JsonMapper json,
			HeldRunLocks runLocks, RunMetrics runMetrics)
			throws Exception {
		ReprocessParameters parameters = ReprocessParameters.from(jobParameters);
		String skipped = ReprocessJobConfiguration.notRunning(EmbeddingSpec.SCENE_TEXT, parameters, specs.current());
		if (skipped != null) {
			return ReprocessJobConfiguration.skipped(EmbeddingSpec.SCENE_TEXT, skipped, jobRepository, transactionManager);
		}
		SceneSelection scenes = StaleScenes.text(parameters.videoScope(lastVideoId), settings, parameters.force());
		SceneTextStepWriter writer = new SceneTextStepWriter(SceneTextEmbedder.create(client, cache, settings, json),
				repository, parameters.dryRun());
		return new StepBuilder(EmbeddingSpec.SCENE_TEXT, jobRepository).<PendingTextScene, PendingTextScene>chunk(
				parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(PendingTextSceneReader.create("staleTextScenes", dataSource,
					StaleScenes.textChannels(settings, parameters.force()), scenes, parameters.batchSize(), null))
			.writer(writer)
			.listener(writer)
			.listener(new ReprocessStepReport<PendingTextScene>(EmbeddingSpec.SCENE_TEXT, scenes.describe(),
					() -> sceneCounts.pending(scenes), List.of(SceneTextStepWriter.TEXTS, SceneTextStepWriter.REQUESTS,
							SceneTextStepWriter.TOKENS)))
			.listener(runMetrics.stepListener())
			.listener(runLocks.guard())
			.build();
	}

	@Bean
	@JobScope
	Step reprocessSceneClipStep(@Value("#{jobParameters}") Map<String, Object> jobParameters,
			@Value("#{jobExecutionContext['" + ReprocessParameters.LAST_VIDEO_ID + "']}") String lastVideoId,
			JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
			EmbeddingSpecs specs, ClipImagePipelines pipelines, ClipProperties clip, ClipEmbeddingMethod method,
			SceneClipRepository repository, SceneCounts sceneCounts, JsonMapper json, HeldRunLocks runLocks,
			RunMetrics runMetrics) throws Exception {
		ReprocessParameters parameters = ReprocessParameters.from(jobParameters);
		String skipped = ReprocessJobConfiguration.notRunning(EmbeddingSpec.SCENE_CLIP, parameters, specs.current());
		if (skipped != null) {
			return ReprocessJobConfiguration.skipped(EmbeddingSpec.SCENE_CLIP, skipped, jobRepository, transactionManager);
		}
		SceneSelection scenes = StaleScenes.clip(parameters.videoScope(lastVideoId), method.fingerprint(),
				parameters.force());
		ClipMetadata metadata = new ClipMetadata(json, clip, method);
		ImageStepWriter<PendingClipScene> writer = new ImageStepWriter<>(EmbeddingSpec.SCENE_CLIP, IMAGES,
				(items, now, executionId) -> repository.writeClip(metadata.results(items, now, executionId)),
				parameters.dryRun());
		return new StepBuilder(EmbeddingSpec.SCENE_CLIP, jobRepository)
			.<PreparedImage<PendingClipScene>, PreparedImage<PendingClipScene>>chunk(parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(pipelines.create(PendingClipSceneReader.create("staleClipScenes", dataSource, scenes,
					parameters.batchSize(), null), PendingClipScene::thumbnail, parameters.batchSize(), clip.timeoutS(), 0,
					parameters.dryRun()))
			.writer(writer)
			.listener(writer)
			.listener(new ReprocessStepReport<PreparedImage<PendingClipScene>>(EmbeddingSpec.SCENE_CLIP,
					scenes.describe(), () -> sceneCounts.pending(scenes), List.of(IMAGES)))
			.listener(runMetrics.stepListener())
			.listener(runLocks.guard())
			.build();
	}

}

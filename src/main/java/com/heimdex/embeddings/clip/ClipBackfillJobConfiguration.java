package com.heimdex.embeddings.clip;

import java.util.Map;

import javax.sql.DataSource;

import com.heimdex.embeddings.batch.HeldRunLocks;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.JobOption;
import com.heimdex.embeddings.batch.OptionType;
import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.pipeline.ImageEmbeddingPipeline;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.metrics.RunCoverage;
import com.heimdex.embeddings.metrics.RunMetrics;
import com.heimdex.embeddings.scene.SceneCounts;
import com.heimdex.embeddings.scene.PendingClipScene;
import com.heimdex.embeddings.scene.PendingClipSceneReader;
import com.heimdex.embeddings.scene.SceneClipRepository;
import com.heimdex.embeddings.scene.SceneScope;
import com.heimdex.embeddings.thumbnail.ThumbnailProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code clipBackfill}: scenes with a thumbnail and no CLIP embedding (or all, or only failed
 * ones) are read in id order; their thumbnails are fetched, decoded and preprocessed concurrently
 * and embedded in batches, ahead of the chunk being written; each chunk is stored in one
 * statement, in the chunk's transaction.
 */
@Configuration(proxyBeanMethods = false)
class ClipBackfillJobConfiguration {

	static final String JOB_NAME = "clipBackfill";

	static final String READER_NAME = "pendingScenes";

	/** Size of {@code video_scenes.embedding_visual_clip}: vector(512). */
	static final int COLUMN_DIMENSIONS = 512;

	@Bean
	JobDescriptor clipBackfillDescriptor(ClipProperties clip) {
		return new JobDescriptor(JOB_NAME, "CLIP image embeddings for scene thumbnails (seeds' backfill script)",
				JobOption.list(JobOption.tuning("batchSize", OptionType.POSITIVE_INTEGER, "50",
						"scenes per chunk: written and committed together (thumbnails are fetched and embedded "
								+ "ahead, in batches of up to " + ClipBatchEmbedder.MAX_BATCH + ")"),
						SceneScope.maxScenesOption(),
						JobOption.tuning("processingDelay", OptionType.NON_NEGATIVE_SECONDS, "0",
								"pause between scenes in seconds (CPU breathing room)"),
						JobOption.tuning("clipTimeout", OptionType.POSITIVE_SECONDS, "5.0",
								"CLIP inference budget per image in seconds"),
						JobOption.scope("forceRegenerate", OptionType.BOOLEAN, "false",
								"re-embed scenes that already have an embedding"),
						JobOption.scope("retryFailed", OptionType.BOOLEAN, "false",
								"only scenes whose last attempt recorded an error"),
						JobOption.scope("dryRun", OptionType.BOOLEAN, "false",
								"report what would be processed; write nothing"),
						SceneScope.filterOptions(false), PartitionOptions.options()),
				(parameters) -> {
					if (!clip.enabled()) {
						return "CLIP is disabled (CLIP_ENABLED=false); set CLIP_ENABLED=true to run " + JOB_NAME;
					}
					if (clip.dimensions() != COLUMN_DIMENSIONS) {
						return "CLIP_DIMENSIONS=" + clip.dimensions() + " does not fit embedding_visual_clip, which is vector("
								+ COLUMN_DIMENSIONS + "): use a " + COLUMN_DIMENSIONS + "-dimension CLIP image model";
					}
					if (Boolean.TRUE.equals(parameters.getParameter("forceRegenerate").value())
							&& Boolean.TRUE.equals(parameters.getParameter("retryFailed").value())) {
						return "forceRegenerate=true and retryFailed=true exclude each other: choose one";
					}
					return null;
				});
	}

	@Bean
	Job clipBackfill(JobRepository jobRepository, Step clipBackfillStep, JobDescriptor clipBackfillDescriptor,
			RunMetrics runMetrics) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(clipBackfillDescriptor.validator())
			.listener(runMetrics.jobListener(RunCoverage.SCENE_EMBEDDINGS))
			.start(clipBackfillStep)
			.build();
	}

	@Bean
	@JobScope
	Step clipBackfillStep(@Value("#{jobParameters}") Map<String, Object> jobParameters, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, DataSource dataSource, ClipImagePipelines pipelines,
			ClipProperties clip, ClipEmbeddingMethod method, SceneCounts sceneCounts,
			SceneClipRepository sceneClipRepository, JsonMapper json, RunMetrics runMetrics, HeldRunLocks runLocks)
			throws Exception {
		ClipBackfillParameters parameters = ClipBackfillParameters.from(jobParameters);
		ImageEmbeddingPipeline<PendingClipScene> reader = pipelines.create(
				PendingClipSceneReader.create(READER_NAME, dataSource, parameters.selection(), parameters.batchSize(),
						parameters.scope().maxScenes()),
				PendingClipScene::thumbnail, parameters.batchSize(), parameters.clipTimeoutSeconds(),
				parameters.processingDelaySeconds(), parameters.dryRun());
		ClipEmbeddingWriter writer = new ClipEmbeddingWriter(sceneClipRepository, new ClipMetadata(json, clip, method),
				parameters);
		return new StepBuilder("clipBackfillStep", jobRepository).<PreparedImage<PendingClipScene>, PreparedImage<PendingClipScene>>chunk(
				parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(writer)
			.listener(writer)
			.listener(new ClipBackfillReport(parameters, clip, sceneCounts))
			.listener(runMetrics.stepListener())
			.listener(runLocks.guard())
			.build();
	}

	/** Threads that fetch, decode and preprocess thumbnails, several at once, ahead of the chunk being embedded. */
	@Bean
	ThreadPoolTaskExecutor thumbnailExecutor(ThumbnailProperties thumbnails) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(thumbnails.concurrency());
		executor.setMaxPoolSize(thumbnails.concurrency());
		executor.setThreadNamePrefix("thumbnail-");
		executor.setDaemon(true);
		return executor;
	}

}

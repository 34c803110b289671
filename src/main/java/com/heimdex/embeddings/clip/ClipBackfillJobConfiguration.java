package com.heimdex.embeddings.clip;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.heimdex.embeddings.batch.HeldRunLocks;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.JobOption;
import com.heimdex.embeddings.batch.OptionType;
import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.scene.PendingScene;
import com.heimdex.embeddings.scene.PendingSceneReader;
import com.heimdex.embeddings.scene.SceneCounts;
import com.heimdex.embeddings.scene.SceneVectorWriter;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;
import com.heimdex.embeddings.thumbnail.ThumbnailProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
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

	/** Chunks' worth of scenes whose thumbnails are prepared ahead of the embedding. */
	static final int LOOKAHEAD_CHUNKS = 2;

	@Bean
	JobDescriptor clipBackfillDescriptor(ClipProperties clip) {
		return new JobDescriptor(JOB_NAME, "CLIP image embeddings for scene thumbnails (seeds' backfill script)",
				List.of(JobOption.tuning("batchSize", OptionType.POSITIVE_INTEGER, "50",
						"scenes per chunk: written and committed together (thumbnails are fetched and embedded "
								+ "ahead, in batches of up to " + SceneBatchEmbedder.MAX_BATCH + ")"),
						JobOption.scope("maxScenes", OptionType.POSITIVE_INTEGER, null,
								"stop after this many scenes (unlimited when unset)"),
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
						JobOption.scope("videoId", OptionType.UUID_VALUE, null, "only this video's scenes"),
						JobOption.scope("userId", OptionType.UUID_VALUE, null, "only this owner's scenes"),
						PartitionOptions.options().get(0), PartitionOptions.options().get(1)),
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
					return PartitionOptions.problem(parameters);
				});
	}

	@Bean
	Job clipBackfill(JobRepository jobRepository, Step clipBackfillStep) {
		return new JobBuilder(JOB_NAME, jobRepository).start(clipBackfillStep).build();
	}

	@Bean
	@JobScope
	Step clipBackfillStep(@Value("#{jobParameters}") Map<String, Object> jobParameters, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, DataSource dataSource, ThumbnailFetcher fetcher,
			ThumbnailDecoder decoder, ClipImageEmbedder embedder, ClipProperties clip, SceneCounts sceneCounts,
			SceneVectorWriter sceneVectorWriter, JsonMapper json, HeldRunLocks runLocks, ThreadPoolTaskExecutor thumbnailExecutor)
			throws Exception {
		ClipBackfillParameters parameters = ClipBackfillParameters.from(jobParameters);
		// Thumbnails are prepared and embedded ahead, while the step writes the chunk before, except
		// in a dry run (nothing to prepare) and when a processing delay paces scenes one after the
		// other, as the seeds' script did.
		int lookahead = (parameters.processingDelaySeconds() == 0 && !parameters.dryRun())
				? LOOKAHEAD_CHUNKS * parameters.batchSize() : 0;
		// as many as can be prepared and not yet embedded at once
		LevelsBuffers levelsBuffers = new LevelsBuffers(lookahead + thumbnailExecutor.getMaxPoolSize());
		ItemProcessor<PendingScene, PreparedScene> preparer = parameters.dryRun() ? PreparedScene::notFetched
				: new ThumbnailPreparer(fetcher, decoder, new ClipImagePreprocessor(), levelsBuffers,
						parameters.processingDelaySeconds());
		EmbeddedSceneReader.BatchEmbedding embedding = parameters.dryRun() ? EmbeddedSceneReader.BatchEmbedding.none()
				: new SceneBatchEmbedder(embedder, parameters.clipTimeoutSeconds(), levelsBuffers);
		EmbeddedSceneReader reader = new EmbeddedSceneReader(PendingSceneReader.create(READER_NAME, dataSource,
				parameters.selection(), parameters.batchSize(), parameters.maxScenes()), preparer, thumbnailExecutor,
				embedding, lookahead, parameters.batchSize() + SceneBatchEmbedder.MAX_BATCH);
		ClipEmbeddingWriter writer = new ClipEmbeddingWriter(sceneVectorWriter, new ClipMetadata(json, clip), parameters,
				clip.dimensions());
		return new StepBuilder("clipBackfillStep", jobRepository).<PreparedScene, PreparedScene>chunk(
				parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(reader)
			.writer(writer)
			.listener(writer)
			.listener(new ClipBackfillReport(parameters, clip, sceneCounts))
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

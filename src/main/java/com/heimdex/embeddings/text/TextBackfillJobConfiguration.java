package com.heimdex.embeddings.text;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.heimdex.embeddings.batch.HeldRunLocks;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.JobOption;
import com.heimdex.embeddings.batch.OptionType;
import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.metrics.RunCoverage;
import com.heimdex.embeddings.metrics.RunMetrics;
import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.PendingTextSceneReader;
import com.heimdex.embeddings.scene.SceneScope;
import com.heimdex.embeddings.scene.SceneTextRepository;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.scene.SceneCounts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code textBackfill}: scenes with a pending text channel (no embedding, a failed attempt, or
 * text, model or dimensions changed since it was embedded; all with {@code force}) are read in id
 * order with their channel texts; each chunk's texts are looked up in the cache, the rest embedded
 * in one packed client call, and the chunk is stored in one statement.
 */
@Configuration(proxyBeanMethods = false)
class TextBackfillJobConfiguration {

	private static final Log logger = LogFactory.getLog(TextBackfillJobConfiguration.class);

	static final String JOB_NAME = "textBackfill";

	static final String STEP_NAME = "textBackfillStep";

	static final String READER_NAME = "pendingTextScenes";

	@Bean
	JobDescriptor textBackfillDescriptor(TextEmbeddingProperties settings, OpenAiEndpointProperties endpoint) {
		List<String> channels = Arrays.stream(TextChannel.values()).map(TextChannel::key).toList();
		return new JobDescriptor(JOB_NAME, "OpenAI-compatible text embeddings of scene texts (seeds' backfill tool)",
				JobOption.list(JobOption.subsetOf("channels", channels, "transcript,visual",
						"text channels to embed: transcript, visual (description + tags), summary"),
						JobOption.scope("force", OptionType.BOOLEAN, "false",
								"re-embed every channel with text, even when its embedding is current"),
						JobOption.scope("retryFailed", OptionType.BOOLEAN, "false",
								"only channels whose last attempt recorded an error, at once (no back-off)"),
						SceneScope.filterOptions(true), SceneScope.maxScenesOption(),
						JobOption.tuning("batchSize", OptionType.POSITIVE_INTEGER, "500",
								"scenes per chunk: their texts are embedded together and committed together"),
						JobOption.scope("dryRun", OptionType.BOOLEAN, "false",
								"report scenes, texts, tokens, requests and cost; send and write nothing"),
						PartitionOptions.options()),
				(parameters) -> {
					if (!settings.enabled()) {
						return "text embeddings are disabled (EMBEDDING_ENABLED=false); set EMBEDDING_ENABLED=true to run "
								+ JOB_NAME;
					}
					if (Boolean.TRUE.equals(parameters.getParameter("force").value())
							&& Boolean.TRUE.equals(parameters.getParameter("retryFailed").value())) {
						return "force=true and retryFailed=true exclude each other: choose one";
					}
					if (settings.dimensions() != TextChannel.COLUMN_DIMENSIONS) {
						return "EMBEDDING_DIMENSIONS=" + settings.dimensions() + " does not fit the text embedding columns"
								+ " of video_scenes, which are vector(" + TextChannel.COLUMN_DIMENSIONS + ")";
					}
					if (!Boolean.TRUE.equals(parameters.getParameter("dryRun").value())) {
						return endpoint.missingKeyProblem();
					}
					return null;
				});
	}

	@Bean
	Job textBackfill(JobRepository jobRepository, Step textBackfillStep, JobDescriptor textBackfillDescriptor,
			RunMetrics runMetrics) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(textBackfillDescriptor.validator())
			.listener(runMetrics.jobListener(RunCoverage.SCENE_EMBEDDINGS))
			.start(textBackfillStep)
			.build();
	}

	@Bean
	@JobScope
	Step textBackfillStep(@Value("#{jobParameters}") Map<String, Object> jobParameters, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, DataSource dataSource, OpenAiEmbeddingClient client,
			TextEmbeddingCache cache, TextEmbeddingCacheProperties cacheSettings, TextEmbeddingProperties settings,
			OpenAiEndpointProperties endpoint, SceneTextRepository sceneTextRepository,
			SceneCounts sceneCounts, JsonMapper json, RunMetrics runMetrics, HeldRunLocks runLocks) throws Exception {
		TextBackfillParameters parameters = TextBackfillParameters.from(jobParameters);
		if (cacheSettings.deleteExpired() && !parameters.dryRun()) {
			logger.info("Deleted " + cache.deleteExpired() + " expired text embedding cache entries (older than "
					+ cacheSettings.ttl() + ")");
		}
		TextBackfillWriter writer = new TextBackfillWriter(SceneTextEmbedder.create(client, cache, settings, json),
				sceneTextRepository, parameters.dryRun());
		return new StepBuilder(STEP_NAME, jobRepository).<PendingTextScene, PendingTextScene>chunk(
				parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(PendingTextSceneReader.create(READER_NAME, dataSource, parameters.selection(settings),
					parameters.batchSize(), parameters.scope().maxScenes()))
			.writer(writer)
			.listener(writer)
			.listener(new TextBackfillReport(parameters, settings, endpoint.baseUrl(), sceneCounts))
			.listener(runMetrics.stepListener())
			.listener(runLocks.guard())
			.build();
	}

}

package com.heimdex.embeddings.reprocess;

import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.batch.HeldRunLocks;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.JobOption;
import com.heimdex.embeddings.batch.OptionType;
import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.metrics.RunCoverage;
import com.heimdex.embeddings.metrics.RunMetrics;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.text.OpenAiEndpointProperties;
import com.heimdex.embeddings.text.TextEmbeddingProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code reprocess} (seeds/004): brings every scene, person photo and person in scope up to the
 * current embedding spec, one step per spec step, each doing only what is stale (everything with
 * {@code force}): scope (count videos, skip PROCESSING ones), sceneText, sceneClip, personPhotos,
 * personQuery, then markCurrent (the spec's version on the scenes and videos that are current).
 * Each step's bean reads the job's parameters and runs empty when it was not asked for or is
 * switched off.
 */
@Configuration(proxyBeanMethods = false)
class ReprocessJobConfiguration {

	private static final Log logger = LogFactory.getLog(ReprocessJobConfiguration.class);

	static final String JOB_NAME = "reprocess";

	/**
	 * The job's steps by bean name, in order. A step built elsewhere joins the job by its bean name
	 * here (a missing bean is left out): {@code scenePersonsStep}, {@code lexicalIndexStep}. The counts a
	 * step keeps with {@code RunCounters} are exported as metrics at the end of the run, and after each
	 * chunk when the step takes {@code runMetrics.stepListener()}.
	 */
	static final List<String> STEP_BEANS = List.of("reprocessScopeStep", "reprocessSceneTextStep",
			"reprocessSceneClipStep", "reprocessPersonPhotosStep", "reprocessPersonQueryStep", "scenePersonsStep",
			"lexicalIndexStep", "reprocessMarkCurrentStep");

	static final List<String> SCOPES = List.of("video", "owner", "all");

	@Bean
	JobDescriptor reprocessDescriptor(EmbeddingSpecs specs, ClipProperties clip, TextEmbeddingProperties text,
			OpenAiEndpointProperties endpoint) {
		return new JobDescriptor(JOB_NAME,
				"bring scenes, person photos and persons in scope up to the current embedding spec (seeds/004)",
				JobOption.list(new JobOption(ReprocessParameters.SCOPE, OptionType.TEXT, null, true, SCOPES,
						"required: video (with videoId), owner (with ownerId) or all"),
						JobOption.scope(ReprocessParameters.VIDEO_ID, OptionType.UUID_VALUE, null, "the video of scope=video"),
						JobOption.scope(ReprocessParameters.OWNER_ID, OptionType.UUID_VALUE, null, "the owner of scope=owner"),
						JobOption.scope(ReprocessParameters.SINCE, OptionType.TIMESTAMP, null,
								"only videos updated at or after this time (videos.updated_at)"),
						JobOption.scope(ReprocessParameters.FORCE, OptionType.BOOLEAN, "false",
								"redo every step's work, even what is current"),
						JobOption.scope(ReprocessParameters.DRY_RUN, OptionType.BOOLEAN, "false",
								"report what each step would do; fetch, send and write nothing"),
						JobOption.subsetOf(ReprocessParameters.STEPS, EmbeddingSpec.STEP_NAMES, null,
								"the steps to run (default: every enabled step)"),
						JobOption.scope(ReprocessParameters.MAX_VIDEOS, OptionType.POSITIVE_INTEGER, null,
								"at most this many videos not at the current spec, in id order (unlimited when unset)"),
						JobOption.tuning(ReprocessParameters.BATCH_SIZE, OptionType.POSITIVE_INTEGER, "100",
								"items per chunk: embedded together and committed together"),
						PartitionOptions.options()),
				(parameters) -> new ReprocessParametersCheck(specs.current(), clip, text, endpoint).problem(parameters));
	}

	@Bean
	Job reprocess(JobRepository jobRepository, JobDescriptor reprocessDescriptor, Map<String, Step> steps,
			EmbeddingSpecs specs, RunMetrics runMetrics) {
		List<Step> ordered = STEP_BEANS.stream().filter(steps::containsKey).map(steps::get).toList();
		SimpleJobBuilder job = new JobBuilder(JOB_NAME, jobRepository).validator(reprocessDescriptor.validator())
			.listener(new ReprocessReport(specs, jobRepository))
			.listener(runMetrics.jobListener(RunCoverage.SPEC))
			.start(ordered.get(0));
		ordered.subList(1, ordered.size()).forEach(job::next);
		return job.build();
	}

	@Bean
	@JobScope
	Step reprocessScopeStep(@Value("#{jobParameters}") Map<String, Object> jobParameters, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, NamedParameterJdbcTemplate jdbc, EmbeddingSpecs specs,
			RunMetrics runMetrics) {
		return new StepBuilder(ReprocessScopeTasklet.STEP, jobRepository)
			.tasklet(new ReprocessScopeTasklet(jdbc, ReprocessParameters.from(jobParameters), specs.current().fingerprint()),
					transactionManager)
			.listener(runMetrics.stepListener())
			.build();
	}

	@Bean
	@JobScope
	Step reprocessMarkCurrentStep(@Value("#{jobParameters}") Map<String, Object> jobParameters,
			@Value("#{jobExecutionContext['" + ReprocessParameters.LAST_VIDEO_ID + "']}") String lastVideoId,
			JobRepository jobRepository, PlatformTransactionManager transactionManager,
			javax.sql.DataSource dataSource, NamedParameterJdbcTemplate jdbc, EmbeddingSpecs specs,
			TextEmbeddingProperties text, HeldRunLocks runLocks, RunMetrics runMetrics) throws Exception {
		ReprocessParameters parameters = ReprocessParameters.from(jobParameters);
		EmbeddingSpec spec = specs.current();
		VideoScope scope = parameters.videoScope(lastVideoId);
		StaleVideoReader videos = new StaleVideoReader(dataSource, scope, spec.fingerprint(), parameters.batchSize());
		SpecMarkWriter writer = new SpecMarkWriter(jdbc, StaleScenes.current(spec, text),
				StaleScenes.currentParameters(spec, text), spec.version(), spec.fingerprint(), parameters.dryRun());
		return new StepBuilder(SpecMarkWriter.STEP, jobRepository).<java.util.UUID, java.util.UUID>chunk(
				parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(videos.reader())
			.writer(writer)
			.listener(writer)
			.listener(new ReprocessStepReport<java.util.UUID>(SpecMarkWriter.STEP,
					"videos whose scenes may now all be current", videos::count,
					List.of(SpecMarkWriter.VIDEOS_CURRENT, SpecMarkWriter.VIDEOS_STALE, SpecMarkWriter.SCENES_CURRENT)))
			.listener(runMetrics.stepListener())
			.listener(runLocks.guard())
			.build();
	}

	/** A step that was not asked for, or that the settings switch off: it says so and does nothing. */
	static Step skipped(String name, String reason, JobRepository jobRepository,
			PlatformTransactionManager transactionManager) {
		return new StepBuilder(name, jobRepository).tasklet((contribution, context) -> {
			logger.info("Step " + name + ": skipped (" + reason + ")");
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/** Why a step does not run, or {@code null} when it runs. */
	static String notRunning(String step, ReprocessParameters parameters, EmbeddingSpec spec) {
		if (!spec.enabled(step)) {
			return "switched off: " + spec.step(step).map((s) -> s.offReason()).orElse("not in the spec");
		}
		return parameters.asked(step) ? null : "not in steps=" + String.join(",", parameters.steps());
	}

	/** The rules across options and settings of {@code reprocess}. */
	record ReprocessParametersCheck(EmbeddingSpec spec, ClipProperties clip, TextEmbeddingProperties text,
			OpenAiEndpointProperties endpoint) {

		String problem(JobParameters parameters) {
			Object scope = value(parameters, ReprocessParameters.SCOPE);
			Object videoId = value(parameters, ReprocessParameters.VIDEO_ID);
			Object ownerId = value(parameters, ReprocessParameters.OWNER_ID);
			if (scope == null) {
				return "parameter 'scope' is missing; expected one of video, owner, all (scope=video with videoId=..., "
						+ "scope=owner with ownerId=..., or scope=all)";
			}
			if (!SCOPES.contains(scope.toString())) {
				return "invalid value '" + scope + "' for parameter 'scope': expected one of video, owner, all";
			}
			if (scope.equals("video") && videoId == null) {
				return "scope=video needs videoId=<uuid> (the video to reprocess)";
			}
			if (scope.equals("owner") && ownerId == null) {
				return "scope=owner needs ownerId=<uuid> (the owner whose videos to reprocess)";
			}
			if (videoId != null && !scope.equals("video")) {
				return "videoId is only allowed with scope=video (scope=" + scope + " was given)";
			}
			if (ownerId != null && !scope.equals("owner")) {
				return "ownerId is only allowed with scope=owner (scope=" + scope + " was given)";
			}
			Object steps = value(parameters, ReprocessParameters.STEPS);
			List<String> asked = (steps != null) ? List.of(steps.toString().split(",")) : EmbeddingSpec.STEP_NAMES;
			for (String step : asked) {
				if (steps != null && !this.spec.enabled(step)) {
					return "steps=" + steps + " names " + step + ", which is switched off ("
							+ this.spec.step(step).map((s) -> s.offReason()).orElse("not in the spec") + ")";
				}
			}
			if (asked.stream().noneMatch(this.spec::enabled)) {
				return "every step is switched off (EMBEDDING_ENABLED=false, CLIP_ENABLED=false): nothing to reprocess";
			}
			boolean dryRun = Boolean.TRUE.equals(value(parameters, ReprocessParameters.DRY_RUN));
			if (asked.contains(EmbeddingSpec.SCENE_TEXT) && this.spec.enabled(EmbeddingSpec.SCENE_TEXT)) {
				if (this.text.dimensions() != TextChannel.COLUMN_DIMENSIONS) {
					return "EMBEDDING_DIMENSIONS=" + this.text.dimensions() + " does not fit the text embedding columns"
							+ " of video_scenes, which are vector(" + TextChannel.COLUMN_DIMENSIONS + ")";
				}
				if (!dryRun && this.endpoint.missingKeyProblem() != null) {
					return this.endpoint.missingKeyProblem();
				}
			}
			if (this.spec.enabled(EmbeddingSpec.SCENE_CLIP) && this.clip.dimensions() != 512) {
				return "CLIP_DIMENSIONS=" + this.clip.dimensions() + " does not fit embedding_visual_clip and the"
						+ " person vectors, which are vector(512)";
			}
			return null;
		}

		private static Object value(JobParameters parameters, String name) {
			return (parameters.getParameter(name) != null) ? parameters.getParameter(name).value() : null;
		}

	}

}

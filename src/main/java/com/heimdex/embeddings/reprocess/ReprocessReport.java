package com.heimdex.embeddings.reprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * seeds/004's log lines: "Starting reprocessing (spec_version=..., scope=...)" with the spec and
 * the steps asked for (a switched-off step says so), and at the end "Reprocessing completed (...)"
 * with seeds/004's metrics over the whole job instance (a resumed run adds to the steps that
 * completed before it).
 */
class ReprocessReport implements JobExecutionListener {

	private static final Log logger = LogFactory.getLog(ReprocessReport.class);

	private final EmbeddingSpecs specs;

	private final JobRepository jobRepository;

	/** The names of the steps whose counts make the metrics (the counters' step names). */
	private final List<String> stepNames = List.of(ReprocessScopeTasklet.STEP, EmbeddingSpec.SCENE_TEXT,
			EmbeddingSpec.SCENE_CLIP, EmbeddingSpec.PERSON_PHOTOS, EmbeddingSpec.PERSON_QUERY, EmbeddingSpec.SCENE_PERSONS,
			SpecMarkWriter.STEP);

	ReprocessReport(EmbeddingSpecs specs, JobRepository jobRepository) {
		this.specs = specs;
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		ReprocessParameters parameters = ReprocessParameters.from(parameterMap(jobExecution));
		EmbeddingSpec spec = this.specs.current();
		logger.info("Starting reprocessing (spec_version=" + spec.version() + ", scope=" + parameters.describeScope() + ")"
				+ (parameters.dryRun() ? " DRY RUN: nothing will be written" : ""));
		logger.info("Using embedding spec version: " + spec.version() + " (fingerprint " + spec.fingerprint() + ")");
		spec.steps().forEach((step) -> logger.info("  " + step.name() + ": "
				+ (!step.enabled() ? "off (" + step.offReason() + ")" : parameters.asked(step.name()) ? "on" : "not asked for")));
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		Map<String, Long> metrics = metrics(jobExecution);
		logger.info("Reprocessing " + (jobExecution.getStatus().isUnsuccessful() ? "ended " + jobExecution.getStatus()
				: "completed") + " (" + metrics.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining(", ")) + ")");
	}

	/** seeds/004's metrics and the run's texts, requests, tokens and images, over the job instance. */
	Map<String, Long> metrics(JobExecution jobExecution) {
		Map<String, RunCounters> steps = new LinkedHashMap<>();
		for (String name : this.stepNames) {
			StepExecution step = this.jobRepository.getLastStepExecution(jobExecution.getJobInstance(), name);
			if (step != null) {
				steps.put(name, ReprocessStepReport.counters(step, name));
			}
		}
		Map<String, Long> metrics = new LinkedHashMap<>();
		metrics.put("videos_processed", total(steps, SpecMarkWriter.STEP, SpecMarkWriter.VIDEOS_CURRENT));
		metrics.put("videos_failed", total(steps, SpecMarkWriter.STEP, SpecMarkWriter.VIDEOS_STALE));
		metrics.put("videos_skipped", total(steps, ReprocessScopeTasklet.STEP, ReprocessScopeTasklet.VIDEOS_PROCESSING));
		metrics.put("scenes_processed", total(steps, EmbeddingSpec.SCENE_TEXT, ReprocessStepReport.PROCESSED)
				+ total(steps, EmbeddingSpec.SCENE_CLIP, ReprocessStepReport.PROCESSED));
		metrics.put("scenes_current", total(steps, SpecMarkWriter.STEP, SpecMarkWriter.SCENES_CURRENT));
		metrics.put("person_photos_processed", total(steps, EmbeddingSpec.PERSON_PHOTOS, ReprocessStepReport.PROCESSED));
		metrics.put("persons_updated", total(steps, EmbeddingSpec.PERSON_QUERY, ReprocessStepReport.PROCESSED));
		metrics.put("scene_persons_processed", total(steps, EmbeddingSpec.SCENE_PERSONS, ReprocessStepReport.PROCESSED));
		metrics.put("person_detections", total(steps, EmbeddingSpec.SCENE_PERSONS, ScenePersonsStepWriter.DETECTIONS));
		metrics.put("error_count", steps.values().stream().mapToLong((c) -> c.total(ReprocessStepReport.ERRORS)).sum());
		metrics.put("texts", total(steps, EmbeddingSpec.SCENE_TEXT, SceneTextStepWriter.TEXTS));
		metrics.put("requests", total(steps, EmbeddingSpec.SCENE_TEXT, SceneTextStepWriter.REQUESTS));
		metrics.put("tokens", total(steps, EmbeddingSpec.SCENE_TEXT, SceneTextStepWriter.TOKENS));
		metrics.put("images", total(steps, EmbeddingSpec.SCENE_CLIP, ReprocessSceneSteps.IMAGES)
				+ total(steps, EmbeddingSpec.PERSON_PHOTOS, ReprocessPersonSteps.READY));
		return metrics;
	}

	private static long total(Map<String, RunCounters> steps, String step, String name) {
		RunCounters counters = steps.get(step);
		return (counters != null) ? counters.total(name) : 0;
	}

	private static Map<String, Object> parameterMap(JobExecution execution) {
		Map<String, Object> map = new LinkedHashMap<>();
		execution.getJobParameters().parameters().forEach((parameter) -> map.put(parameter.name(), parameter.value()));
		return map;
	}

}

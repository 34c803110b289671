package com.heimdex.embeddings.reprocess;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.heimdex.embeddings.batch.HeldRunLocks;
import com.heimdex.embeddings.clip.ClipEmbeddingMethod;
import com.heimdex.embeddings.clip.ClipImagePipelines;
import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.metrics.RunMetrics;
import com.heimdex.embeddings.person.PendingPhoto;
import com.heimdex.embeddings.person.PendingPhotoReader;
import com.heimdex.embeddings.person.PersonPhotoRepository;
import com.heimdex.embeddings.person.PersonQueryRepository;
import com.heimdex.embeddings.person.PhotoMetadata;
import com.heimdex.embeddings.person.StalePerson;
import com.heimdex.embeddings.person.StalePersonReader;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.sceneperson.PersonMatchProperties;
import com.heimdex.embeddings.sceneperson.ScenePersonRepository;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The person steps of {@code reprocess}, over the persons of the owners in scope:
 * {@code personPhotos} (reference photos whose vector is missing, failed or of another method,
 * through the shared image pipeline; READY, or FAILED with a code) and {@code personQuery} (persons
 * whose READY photos changed since their query embedding was computed; the detections of their
 * owners are matched again to the new queries, in SQL).
 */
@Configuration(proxyBeanMethods = false)
class ReprocessPersonSteps {

	/** The {@code personPhotos} step's count of photos embedded (READY). */
	static final String READY = "ready";

	@Bean
	@JobScope
	Step reprocessPersonPhotosStep(@Value("#{jobParameters}") Map<String, Object> jobParameters,
			JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
			NamedParameterJdbcTemplate jdbc, EmbeddingSpecs specs, ClipImagePipelines pipelines, ClipProperties clip,
			ClipEmbeddingMethod method, PersonPhotoRepository repository, JsonMapper json, HeldRunLocks runLocks,
			RunMetrics runMetrics) throws Exception {
		ReprocessParameters parameters = ReprocessParameters.from(jobParameters);
		EmbeddingSpec spec = specs.current();
		String skipped = ReprocessJobConfiguration.notRunning(EmbeddingSpec.PERSON_PHOTOS, parameters, spec);
		if (skipped != null) {
			return ReprocessJobConfiguration.skipped(EmbeddingSpec.PERSON_PHOTOS, skipped, jobRepository,
					transactionManager);
		}
		VideoScope scope = parameters.videoScope(null);
		String persons = scope.persons("id");
		Map<String, Object> values = new java.util.LinkedHashMap<>(scope.parameters());
		values.put("photoFingerprint", method.fingerprint());
		String where = PendingPhotoReader.where(persons, parameters.force());
		PhotoMetadata metadata = new PhotoMetadata(json, clip, method, spec.version());
		ImageStepWriter<PendingPhoto> writer = new ImageStepWriter<>(EmbeddingSpec.PERSON_PHOTOS, READY,
				(photos, now, executionId) -> repository.write(metadata.results(photos, now, executionId)),
				parameters.dryRun());
		return new StepBuilder(EmbeddingSpec.PERSON_PHOTOS, jobRepository)
			.<PreparedImage<PendingPhoto>, PreparedImage<PendingPhoto>>chunk(parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(pipelines.create(PendingPhotoReader.create("stalePhotos", dataSource, persons, scope.parameters(),
					method.fingerprint(), parameters.force(), parameters.batchSize()), PendingPhoto::image,
					parameters.batchSize(), clip.timeoutS(), 0, parameters.dryRun()))
			.writer(writer)
			.listener(writer)
			.listener(new ReprocessStepReport<PreparedImage<PendingPhoto>>(EmbeddingSpec.PERSON_PHOTOS,
					"reference photos whose vector is missing, failed or of another model" + (parameters.force()
							? " (force: all)" : ""),
					() -> jdbc.queryForObject("SELECT count(*) FROM person_reference_photos WHERE " + where, values,
							Long.class),
					List.of(READY)))
			.listener(runMetrics.stepListener())
			.listener(runLocks.guard())
			.build();
	}

	@Bean
	@JobScope
	Step reprocessPersonQueryStep(@Value("#{jobParameters}") Map<String, Object> jobParameters,
			JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
			NamedParameterJdbcTemplate jdbc, EmbeddingSpecs specs, ClipEmbeddingMethod method,
			PersonQueryRepository repository, ScenePersonRepository detections, PersonMatchProperties match,
			JsonMapper json, HeldRunLocks runLocks, RunMetrics runMetrics) throws Exception {
		ReprocessParameters parameters = ReprocessParameters.from(jobParameters);
		EmbeddingSpec spec = specs.current();
		String skipped = ReprocessJobConfiguration.notRunning(EmbeddingSpec.PERSON_QUERY, parameters, spec);
		if (skipped != null) {
			return ReprocessJobConfiguration.skipped(EmbeddingSpec.PERSON_QUERY, skipped, jobRepository,
					transactionManager);
		}
		VideoScope scope = parameters.videoScope(null);
		String persons = scope.persons("p.id");
		String queryFingerprint = spec.stepFingerprint(EmbeddingSpec.PERSON_QUERY);
		Map<String, Object> values = new java.util.LinkedHashMap<>(scope.parameters());
		values.put("queryFingerprint", queryFingerprint);
		values.put("specFingerprint", spec.fingerprint());
		values.put("photoFingerprint", method.fingerprint());
		PersonQueryStepWriter writer = new PersonQueryStepWriter(repository, json, spec,
				(owners) -> detections.rematchOwners(owners, match.threshold()), parameters.dryRun());
		return new StepBuilder(EmbeddingSpec.PERSON_QUERY, jobRepository).<StalePerson, StalePerson>chunk(
				parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(StalePersonReader.create("stalePersons", dataSource, persons, scope.parameters(),
					method.fingerprint(), queryFingerprint, spec.fingerprint(), parameters.force(), parameters.batchSize()))
			.writer(writer)
			.listener(writer)
			.listener(new ReprocessStepReport<StalePerson>(EmbeddingSpec.PERSON_QUERY,
					"persons whose READY photos changed since their query embedding" + (parameters.force()
							? " (force: all)" : ""),
					() -> jdbc.queryForObject("SELECT count(*) " + StalePersonReader.from(persons) + " WHERE "
							+ StalePersonReader.where(parameters.force()), values, Long.class),
					List.of(PersonQueryStepWriter.WITH_QUERY, PersonQueryStepWriter.WITHOUT_PHOTOS,
							PersonQueryStepWriter.DETECTIONS_REMATCHED)))
			.listener(runMetrics.stepListener())
			.listener(runLocks.guard())
			.build();
	}

}

package com.heimdex.embeddings.reprocess;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.person.PersonQuery;
import com.heimdex.embeddings.person.PersonQueryRepository;
import com.heimdex.embeddings.person.PersonQueryRepository.PersonQueryResult;
import com.heimdex.embeddings.person.StalePerson;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The {@code personQuery} step's writer: each person's query embedding computed from its READY
 * photos' vectors ({@link PersonQuery}), NULL without any, stored with what it was computed from
 * and the spec it is current at; then the scene detections of the chunk's owners are matched again
 * to their persons' queries (in SQL, no model runs), in the same transaction.
 */
class PersonQueryStepWriter implements ItemWriter<StalePerson>, StepExecutionListener {

	static final String WITH_QUERY = "withQuery";

	static final String WITHOUT_PHOTOS = "withoutPhotos";

	/** Scene detections whose person changed with the new queries. */
	static final String DETECTIONS_REMATCHED = "detectionsRematched";

	/** Matches the scene detections of these owners again; returns how many changed person. */
	@FunctionalInterface
	interface Rematch {

		int owners(Set<UUID> owners);

	}

	private final PersonQueryRepository repository;

	private final JsonMapper json;

	private final EmbeddingSpec spec;

	private final Rematch rematch;

	private final boolean dryRun;

	private StepExecution stepExecution;

	PersonQueryStepWriter(PersonQueryRepository repository, JsonMapper json, EmbeddingSpec spec, Rematch rematch,
			boolean dryRun) {
		this.repository = repository;
		this.json = json;
		this.spec = spec;
		this.rematch = rematch;
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends StalePerson> chunk) {
		RunCounters counters = ReprocessStepReport.counters(this.stepExecution, EmbeddingSpec.PERSON_QUERY);
		String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		List<PersonQueryResult> results = new ArrayList<>(chunk.size());
		for (StalePerson person : chunk) {
			float[] query = PersonQuery.of(person.photoVectors());
			Map<String, Object> metadata = new LinkedHashMap<>();
			metadata.put("photos_sha256", person.photosSha256());
			metadata.put("ready_photos", person.photoVectors().size());
			metadata.put("method_fingerprint", this.spec.stepFingerprint(EmbeddingSpec.PERSON_QUERY));
			metadata.put("spec_version", this.spec.version());
			metadata.put("created_at", createdAt);
			metadata.put("job_execution_id", this.stepExecution.getJobExecutionId());
			results.add(new PersonQueryResult(person.id(), query, this.json.writeValueAsString(metadata)));
			counters.add((query != null) ? WITH_QUERY : WITHOUT_PHOTOS, 1);
		}
		if (!this.dryRun) {
			this.repository.write(results, this.spec.version(), this.spec.fingerprint());
			Set<UUID> owners = new LinkedHashSet<>();
			chunk.forEach((person) -> owners.add(person.ownerId()));
			counters.add(DETECTIONS_REMATCHED, this.rematch.owners(owners));
		}
		counters.add(ReprocessStepReport.PROCESSED, chunk.size());
	}

}

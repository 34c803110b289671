package com.heimdex.embeddings.admin;

import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.spec.EmbeddingSpecs;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** Queues a {@code reprocess} run for seeds/004's request, for the API and the page's button. */
@Component
@ConditionalOnWebApplication
class ReprocessQueue {

	static final String JOB_NAME = "reprocess";

	private final BackgroundJobs jobs;

	private final VideosInScope videos;

	private final EmbeddingSpecs specs;

	ReprocessQueue(BackgroundJobs jobs, VideosInScope videos, EmbeddingSpecs specs) {
		this.jobs = jobs;
		this.videos = videos;
		this.specs = specs;
	}

	/**
	 * seeds/004's response, with the job and the parameters it runs with beside it.
	 *
	 * @param status {@code queued}
	 * @param specVersion the spec version the run brings the videos to
	 * @param scope the request's scope
	 * @param videoCount videos in scope the run takes (those in PROCESSING are skipped)
	 * @param message seeds/004's sentence
	 * @param jobName {@code reprocess}
	 * @param parameters the job's parameters
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Queued(String status, String specVersion, String scope, long videoCount, String message, String jobName,
			Map<String, String> parameters) {
	}

	Queued queue(ReprocessEmbeddingsRequest request) {
		List<String> words = request.toJobParameters();
		String version = this.specs.current().version();
		long videoCount = this.videos.count(request.videoUuid(), request.ownerUuid());
		BackgroundJobs.Queued queued = this.jobs.start(JOB_NAME, words);
		return new Queued("queued", version, request.scope(), videoCount, "Queued embedding reprocessing for "
				+ videoCount + " video(s) using spec version " + version, queued.jobName(), queued.parameters());
	}

	/** Videos a reprocess of everything would take now. */
	long videosOfScopeAll() {
		return this.videos.count(null, null);
	}

	String specVersion() {
		return this.specs.current().version();
	}

}

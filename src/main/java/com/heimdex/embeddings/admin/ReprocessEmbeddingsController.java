package com.heimdex.embeddings.admin;

import com.heimdex.embeddings.spec.EmbeddingSpecs;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** seeds/004's {@code POST /v1/admin/reprocess-embeddings}: queues a {@code reprocess} run. */
@RestController
@ConditionalOnWebApplication
class ReprocessEmbeddingsController {

	private final ReprocessQueue queue;

	ReprocessEmbeddingsController(ReprocessQueue queue) {
		this.queue = queue;
	}

	@PostMapping("/v1/admin/reprocess-embeddings")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ReprocessQueue.Queued reprocess(@RequestBody ReprocessEmbeddingsRequest request) {
		return this.queue.queue(request);
	}

}

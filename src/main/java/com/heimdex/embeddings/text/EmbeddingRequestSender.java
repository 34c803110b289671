package com.heimdex.embeddings.text;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

import com.heimdex.embeddings.text.EmbeddingsEndpoint.EmbeddingsResponse;
import com.heimdex.embeddings.text.TextEmbeddingRequestPacker.PackedRequest;

/**
 * Sends one packed request within the rate budgets, retrying 429, 5xx, timeouts and connection
 * errors, and isolates the inputs behind a 400: a rejected request is split in halves, recursively,
 * so that only the inputs the server rejects on their own are marked {@code invalid_input}.
 */
final class EmbeddingRequestSender {

	private static final Logger log = LoggerFactory.getLogger(EmbeddingRequestSender.class);

	/** Single inputs rejected before any request succeeded, after which the requests, not the inputs, are at fault. */
	private static final int REJECTIONS_BEFORE_FIRST_SUCCESS_LIMIT = 8;

	private final EmbeddingsEndpoint endpoint;

	private final TextEmbeddingRateLimiter rateLimiter;

	private final TextEmbeddingProperties settings;

	private final AtomicBoolean anyRequestAccepted = new AtomicBoolean();

	private final AtomicInteger rejectionsBeforeFirstSuccess = new AtomicInteger();

	EmbeddingRequestSender(EmbeddingsEndpoint endpoint, TextEmbeddingRateLimiter rateLimiter,
			TextEmbeddingProperties settings) {
		this.endpoint = endpoint;
		this.rateLimiter = rateLimiter;
		this.settings = settings;
	}

	/** Embeds the request's inputs, recording a vector or a failure for each in {@code outcomes}. */
	void send(PackedRequest request, BatchOutcomes outcomes) throws InterruptedException {
		EmbeddingsResponse response;
		try {
			response = sendWithRetries(request, outcomes);
		}
		catch (EmbeddingRequestFailure failure) {
			if (failure.code() == EmbeddingFailureCode.INVALID_INPUT && request.inputs().size() > 1) {
				log.debug("Request of {} inputs rejected ({}); splitting it to find the rejected input",
						request.inputs().size(), failure.getMessage());
				send(request.half(true), outcomes);
				send(request.half(false), outcomes);
				return;
			}
			if (failure.code() == EmbeddingFailureCode.INVALID_INPUT) {
				countRejection(failure);
			}
			else {
				log.warn("Request of {} inputs failed for good: {} ({})", request.inputs().size(),
						failure.code().code(), failure.getMessage());
			}
			outcomes.failAll(request, failure.code(), failure.getMessage());
			return;
		}
		anyRequestAccepted.set(true);
		outcomes.accept(request, response);
	}

	private EmbeddingsResponse sendWithRetries(PackedRequest request, BatchOutcomes outcomes)
			throws EmbeddingRequestFailure, InterruptedException {
		EmbeddingRetryBackOff backOff = new EmbeddingRetryBackOff(settings.maxAttempts(),
				settings.maxRateLimitedAttempts(), settings.initialBackoff(), settings.maxBackoff());
		RetryTemplate retryTemplate = new RetryTemplate(RetryPolicy.builder()
			.backOff(backOff)
			.predicate(thrown -> thrown instanceof EmbeddingRequestFailure failure && failure.retryable())
			.build());
		List<String> texts = request.texts();
		try {
			return retryTemplate.execute(() -> attempt(request.tokens(), texts, backOff, outcomes));
		}
		catch (RetryException ex) {
			Throwable last = ex.getCause();
			if (last instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			if (Thread.interrupted()) {
				throw new InterruptedException("interrupted while waiting to retry an embeddings request");
			}
			if (last instanceof EmbeddingRequestFailure failure) {
				throw failure;
			}
			if (last instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("embeddings request failed", ex);
		}
	}

	private EmbeddingsResponse attempt(long tokens, List<String> texts, EmbeddingRetryBackOff backOff,
			BatchOutcomes outcomes) throws EmbeddingRequestFailure, InterruptedException {
		rateLimiter.acquire(tokens);
		outcomes.requestSent();
		try {
			return endpoint.post(texts);
		}
		catch (EmbeddingRequestFailure failure) {
			if (failure.code() == EmbeddingFailureCode.RATE_LIMITED) {
				outcomes.rateLimited();
			}
			failure.serverDelay().ifPresent(delay -> {
				if (failure.code() == EmbeddingFailureCode.RATE_LIMITED) {
					backOff.rateLimited(delay);
					rateLimiter.pause(delay);
				}
				else {
					backOff.serverAskedFor(delay);
				}
			});
			if (failure.retryable()) {
				log.debug("Request of {} inputs failed ({}: {}); retrying if attempts remain", texts.size(),
						failure.code().code(), failure.getMessage());
			}
			throw failure;
		}
	}

	private void countRejection(EmbeddingRequestFailure failure) {
		if (!anyRequestAccepted.get()
				&& rejectionsBeforeFirstSuccess.incrementAndGet() >= REJECTIONS_BEFORE_FIRST_SUCCESS_LIMIT) {
			throw new EmbeddingEndpointException("the embeddings endpoint rejected each of the first "
					+ REJECTIONS_BEFORE_FIRST_SUCCESS_LIMIT + " inputs sent on their own and accepted nothing ("
					+ failure.getMessage() + "); check EMBEDDING_MODEL, EMBEDDING_DIMENSIONS and EMBEDDING_SEND_DIMENSIONS");
		}
	}

}

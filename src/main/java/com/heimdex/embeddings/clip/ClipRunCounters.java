package com.heimdex.embeddings.clip;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The run's outcome counts, kept in the step's execution context so that they are committed with
 * each chunk and a resumed execution reports the whole instance's totals.
 */
final class ClipRunCounters {

	private static final String PROCESSED = "clip.processed";

	private static final String UPDATED = "clip.updated";

	private static final String ERRORS = "clip.errors";

	private static final String DRY_RUN = "clip.dryRun";

	private static final String ERROR_PREFIX = "clip.error.";

	private static final String NO_THUMBNAIL = "clip.noThumbnail";

	private final ExecutionContext context;

	ClipRunCounters(ExecutionContext context) {
		this.context = context;
	}

	void addProcessed(long count) {
		add(PROCESSED, count);
	}

	void addUpdated(long count) {
		add(UPDATED, count);
	}

	void addDryRun(long count) {
		add(DRY_RUN, count);
	}

	/** Scenes in the run's scope without a thumbnail, as counted when the execution started. */
	void setNoThumbnail(long count) {
		this.context.putLong(NO_THUMBNAIL, count);
	}

	void addError(String code) {
		add(ERRORS, 1);
		add(ERROR_PREFIX + code, 1);
	}

	long processed() {
		return this.context.getLong(PROCESSED, 0);
	}

	long updated() {
		return this.context.getLong(UPDATED, 0);
	}

	long errors() {
		return this.context.getLong(ERRORS, 0);
	}

	long dryRun() {
		return this.context.getLong(DRY_RUN, 0);
	}

	/** Error code to count, by code. */
	Map<String, Long> errorsByCode() {
		Map<String, Long> errors = new TreeMap<>();
		for (Map.Entry<String, Object> entry : this.context.entrySet()) {
			if (entry.getKey().startsWith(ERROR_PREFIX)) {
				errors.put(entry.getKey().substring(ERROR_PREFIX.length()), ((Number) entry.getValue()).longValue());
			}
		}
		return errors;
	}

	private void add(String key, long count) {
		this.context.putLong(key, this.context.getLong(key, 0) + count);
	}

}

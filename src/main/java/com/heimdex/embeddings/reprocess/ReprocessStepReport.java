package com.heimdex.embeddings.reprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.batch.RunProgress;
import com.heimdex.embeddings.text.EmbeddingAuthenticationException;
import com.heimdex.embeddings.text.EmbeddingEndpointException;
import com.heimdex.embeddings.thumbnail.StorageAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * What a reprocess step logs: what it selects and how many, the progress line per chunk in the
 * format every job logs ({@link RunProgress}), and its counts at the end. Its counts live in the
 * step's execution context as {@code reprocess.<step>.<count>}, committed with each chunk.
 */
class ReprocessStepReport<T> implements StepExecutionListener, ItemWriteListener<T> {

	private static final Logger logger = LoggerFactory.getLogger(ReprocessStepReport.class);

	/** Items written (embedded, failed, or counted by a dry run). */
	static final String PROCESSED = "processed";

	static final String ERRORS = "errors";

	private final String step;

	private final String selection;

	private final LongSupplier pending;

	private final List<String> counts;

	private StepExecution stepExecution;

	private RunProgress progress;

	/**
	 * @param step the spec step's name
	 * @param selection what it selects, in words
	 * @param pending how many items it has to do, counted when it starts
	 * @param counts the step's counts shown on each progress line, besides processed and errors
	 */
	ReprocessStepReport(String step, String selection, LongSupplier pending, List<String> counts) {
		this.step = step;
		this.selection = selection;
		this.pending = pending;
		this.counts = counts;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		RunCounters counters = counters(stepExecution, this.step);
		counters.startExecution();
		long toDo = this.pending.getAsLong();
		this.progress = new RunProgress(counters.total(PROCESSED), toDo);
		this.progress.publish(stepExecution.getExecutionContext());
		logger.info("Step " + this.step + ": " + this.selection + ": " + toDo + " to do");
	}

	@Override
	public void afterWrite(Chunk<? extends T> chunk) {
		RunCounters counters = counters(this.stepExecution, this.step);
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put(PROCESSED, counters.total(PROCESSED));
		this.counts.forEach((name) -> counts.put(name, counters.total(name)));
		counts.put(ERRORS, counters.total(ERRORS));
		this.progress.log(logger, this.step, counters.total(PROCESSED), counts);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		logger.info("Step " + this.step + " " + stepExecution.getStatus() + ": " + countsText() + " in "
				+ RunProgress.format(this.progress.elapsed()));
		return RunProgress.exitStatus(logger, stepExecution, ReprocessStepReport::fixOf);
	}

	/** What an operator fixes before resuming, for the failures that stop every item alike. */
	private static String fixOf(Throwable cause) {
		if (cause instanceof EmbeddingAuthenticationException) {
			return "Fix the key";
		}
		if (cause instanceof EmbeddingEndpointException) {
			return "Fix the settings";
		}
		return (cause instanceof StorageAuthorizationException) ? "Fix the token" : null;
	}

	private String countsText() {
		RunCounters counters = counters(this.stepExecution, this.step);
		String own = this.counts.stream()
			.map((name) -> name + ": " + counters.total(name))
			.collect(Collectors.joining(", "));
		return "processed: " + counters.total(PROCESSED) + (own.isEmpty() ? "" : ", " + own) + ", errors: "
				+ counters.total(ERRORS);
	}

	/** The counters of a reprocess step. */
	static RunCounters counters(StepExecution stepExecution, String step) {
		return new RunCounters(stepExecution.getExecutionContext(), prefix(step));
	}

	static String prefix(String step) {
		return "reprocess." + step + ".";
	}

}

package com.heimdex.embeddings.lexical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.batch.RunProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The lexical index step's banner, progress line per chunk and summary, and what completes a
 * run: a forced full rebuild's alias is moved only after the last chunk committed.
 */
class LexicalIndexReport implements StepExecutionListener, ItemWriteListener<LexicalWorkItem> {

	private static final Logger logger = LoggerFactory.getLogger(LexicalIndexReport.class);

	private final LexicalIndexParameters parameters;

	private final LexicalSceneSelection selection;

	private final LexicalIndex index;

	private final NamedParameterJdbcTemplate jdbc;

	private StepExecution stepExecution;

	private RunProgress progress;

	LexicalIndexReport(LexicalIndexParameters parameters, LexicalSceneSelection selection, LexicalIndex index,
			NamedParameterJdbcTemplate jdbc) {
		this.parameters = parameters;
		this.selection = selection;
		this.index = index;
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		RunCounters counters = LexicalIndexWriter.counters(stepExecution);
		counters.startExecution();
		long doneAtStart = LexicalIndexWriter.done(counters);
		long pending = count(this.selection.goneScenesFrom()) + count(this.selection.changedScenesFrom());
		// what a resumed run committed is no longer pending, unless force selects it again
		this.progress = new RunProgress(doneAtStart,
				this.parameters.force() ? Math.max(0, pending - doneAtStart) : pending);
		this.progress.publish(stepExecution.getExecutionContext());
		if (!this.parameters.selected()) {
			logger.info("Lexical index: not among this run's steps; nothing to do");
			return;
		}
		logger.info("Starting lexical indexing (target=" + this.index.describe() + ", index="
				+ this.selection.indexName() + ", scope=" + this.parameters.describe() + ")"
				+ (this.parameters.dryRun() ? " (DRY RUN: nothing will be written)" : ""));
		logger.info("Found " + pending + " scene documents to write or remove");
	}

	private long count(String fromClause) {
		Long count = this.jdbc.queryForObject("SELECT count(*) " + fromClause + " WHERE " + this.selection.whereClause(),
				this.selection.values(), Long.class);
		return (count != null) ? count : 0;
	}

	@Override
	public void afterWrite(Chunk<? extends LexicalWorkItem> chunk) {
		RunCounters counters = LexicalIndexWriter.counters(this.stepExecution);
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("indexed", counters.total(LexicalIndexWriter.INDEXED));
		counts.put("removed", counters.total(LexicalIndexWriter.REMOVED));
		counts.put("failed", counters.total(LexicalIndexWriter.FAILED));
		this.progress.log(logger, LexicalIndexWriter.done(counters), counts);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		boolean failedInChunk = !stepExecution.getFailureExceptions().isEmpty();
		ExitStatus exitStatus = stepExecution.getExitStatus();
		if (stepExecution.getStatus() == BatchStatus.COMPLETED && this.parameters.selected()) {
			try {
				this.index.complete(this.parameters, this.selection.indexName());
			}
			catch (RuntimeException ex) {
				logger.error("Lexical index: the completed run could not be published: " + ex.getMessage()
						+ "; run the same command again to publish it");
				stepExecution.setStatus(BatchStatus.FAILED);
				stepExecution.addFailureException(ex);
				exitStatus = ExitStatus.FAILED.addExitDescription(ex);
			}
		}
		RunCounters counters = LexicalIndexWriter.counters(stepExecution);
		List<String> outcomes = new ArrayList<>();
		if (this.parameters.dryRun()) {
			outcomes.add("Would index: " + counters.total(LexicalIndexWriter.DRY_RUN_INDEX));
			outcomes.add("Would remove: " + counters.total(LexicalIndexWriter.DRY_RUN_REMOVE));
		}
		else {
			outcomes.add("Indexed: " + counters.total(LexicalIndexWriter.INDEXED));
			outcomes.add("Removed: " + counters.total(LexicalIndexWriter.REMOVED));
			outcomes.add("Failed: " + counters.total(LexicalIndexWriter.FAILED));
		}
		this.progress.logSummary(logger, "Lexical Index", stepExecution.getStatus(), LexicalIndexWriter.done(counters),
				outcomes, counters.errorsByCode(), List.of("Index: " + this.index.describe() + ", "
						+ this.selection.indexName()));
		return failedInChunk ? RunProgress.exitStatus(logger, stepExecution, (cause) -> null) : exitStatus;
	}

}

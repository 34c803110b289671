package com.heimdex.embeddings.lexical;

import java.util.List;

import com.heimdex.embeddings.batch.RunCounters;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk's documents to the back end, then records each scene's outcome in
 * {@code scene_lexical_index} in the chunk's transaction. A dry run only counts. A failure of
 * the whole request (the back end unreachable, credentials refused) fails the chunk: nothing of
 * it is recorded, and the resumed run writes it again (the writes are idempotent by scene id).
 */
class LexicalIndexWriter implements ItemWriter<LexicalWorkItem>, StepExecutionListener {

	static final String INDEXED = "indexed";

	static final String REMOVED = "removed";

	static final String FAILED = "failed";

	static final String DRY_RUN_INDEX = "dryRun.index";

	static final String DRY_RUN_REMOVE = "dryRun.remove";

	private final LexicalIndex index;

	private final SceneLexicalIndexRepository repository;

	private final String indexName;

	private final boolean dryRun;

	private StepExecution stepExecution;

	LexicalIndexWriter(LexicalIndex index, SceneLexicalIndexRepository repository, String indexName, boolean dryRun) {
		this.index = index;
		this.repository = repository;
		this.indexName = indexName;
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends LexicalWorkItem> chunk) {
		List<LexicalWorkItem> items = List.copyOf(chunk.getItems());
		RunCounters counters = counters(this.stepExecution);
		if (this.dryRun) {
			long removals = items.stream().filter(LexicalWorkItem::removed).count();
			counters.add(DRY_RUN_INDEX, items.size() - removals);
			counters.add(DRY_RUN_REMOVE, removals);
			return;
		}
		List<LexicalOutcome> outcomes = this.index.write(this.indexName, items);
		this.repository.record(this.index.target(), this.indexName, this.stepExecution.getJobExecutionId(), outcomes);
		for (LexicalOutcome outcome : outcomes) {
			if (!outcome.succeeded()) {
				counters.add(FAILED, 1);
				counters.addError(outcome.error().code());
			}
			else {
				counters.add(outcome.item().removed() ? REMOVED : INDEXED, 1);
			}
		}
	}

	/** The {@code lexical.*} counters of the step. */
	static RunCounters counters(StepExecution stepExecution) {
		return new RunCounters(stepExecution.getExecutionContext(), "lexical.");
	}

	/** Work items done: written, removed, failed, or counted by a dry run. */
	static long done(RunCounters counters) {
		return counters.total(INDEXED) + counters.total(REMOVED) + counters.total(FAILED)
				+ counters.total(DRY_RUN_INDEX) + counters.total(DRY_RUN_REMOVE);
	}

}

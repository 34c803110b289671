package com.heimdex.embeddings.batch;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/** What a step's context yields as its counts, for any job: the metrics export them as found. */
class RunCountersTest {

	@Test
	void aStepsTotalsAreItsCountsByNameWithFailuresByCodeApart() {
		// given: a step keeping counts, failures, a setting and a price, beside a reader's position
		ExecutionContext context = new ExecutionContext();
		context.putLong("staleScenes.read.count", 40);
		RunCounters counters = new RunCounters(context, "reprocess.sceneNew.");
		counters.startExecution();
		counters.add("processed", 10);
		counters.add("dryRun.index", 2);
		counters.addError("thumbnail_not_found");
		counters.addError("thumbnail_not_found");
		counters.addError("rate_limited");
		counters.set("requestsPerMinute", 3000);
		counters.setDouble("pricePerMillionTokens", 0.02);

		// when
		RunCounters.StepTotals totals = RunCounters.stepTotals(context);

		// then
		assertThat(totals.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("processed", 10L, "dryRun.index", 2L));
		assertThat(totals.errorsByCode())
			.containsExactlyInAnyOrderEntriesOf(Map.of("thumbnail_not_found", 2L, "rate_limited", 1L));
	}

	@Test
	void aResumedStepsTotalsAreTheInstancesAndTheRunSummaryKeepsItsCounters() {
		// given: an execution that counted 5, resumed by one that counts 3 more
		ExecutionContext context = new ExecutionContext();
		new RunCounters(context, "lexical.").add("indexed", 5);
		RunCounters resumed = new RunCounters(context, "lexical.");
		resumed.startExecution();
		resumed.add("indexed", 3);

		// then: the instance's total; the run summary's counters are the numeric entries they were
		assertThat(RunCounters.stepTotals(context).counts()).containsExactlyEntriesOf(Map.of("indexed", 8L));
		assertThat(RunCounters.executionCounts(context)).containsExactlyEntriesOf(Map.of("lexical.indexed", 3L));
	}

	@Test
	void aStepWithoutCountersHasNone() {
		ExecutionContext context = new ExecutionContext();
		context.putLong("staleVideos.read.count", 4);
		context.putLong("clip.processed", 7);

		assertThat(RunCounters.stepTotals(context).counts()).isEmpty();
		assertThat(RunCounters.stepTotals(context).errorsByCode()).isEmpty();
	}

}

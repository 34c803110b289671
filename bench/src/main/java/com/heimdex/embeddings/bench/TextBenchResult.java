package com.heimdex.embeddings.bench;

import java.util.List;
import java.util.Locale;

import com.heimdex.embeddings.bench.TextBenchScenario.Budget;

/**
 * One scenario's figures: what was embedded, what the server received and accepted, how much of
 * the server's budget (the job's too, but for the throttled scenario) that used, and whether
 * anything was lost.
 *
 * @param texts channel texts the scenes hold
 * @param tokens tokens of those texts
 * @param load what the server received
 * @param failures channel texts left without a vector or with an error recorded
 * @param jobSeconds the job process's wall time, JVM start included
 */
record TextBenchResult(TextBenchScenario scenario, int scenes, long texts, long tokens, ServerLoad load,
		long failures, double jobSeconds) {

	static final double TARGET_BUDGET_USE = 0.9;

	/** Requests received per 100 scenes, retries after a 429 included. */
	double requestsPer100Scenes() {
		return 100.0 * this.load.received() / this.scenes;
	}

	/** Requests accepted per 100 scenes: how well the texts were packed. */
	double acceptedPer100Scenes() {
		return 100.0 * this.load.accepted() / this.scenes;
	}

	/** Whether requests rather than tokens bind, by which of the two the run used the larger share of. */
	boolean requestsBind() {
		Budget budget = this.scenario.server();
		return this.load.requestBudgetUse(budget.requestsPerMinute()) > this.load.tokenBudgetUse(budget.tokensPerMinute());
	}

	/** The share of the binding budget used over the run. */
	double budgetUse() {
		Budget budget = this.scenario.server();
		return requestsBind() ? this.load.requestBudgetUse(budget.requestsPerMinute())
				: this.load.tokenBudgetUse(budget.tokensPerMinute());
	}

	/** The binding budget's rate achieved after the first minute, as a share of it (NaN for short runs). */
	double steadyBudgetUse() {
		Budget budget = this.scenario.server();
		return requestsBind() ? this.load.steadyRequestsPerMinute() / budget.requestsPerMinute()
				: this.load.steadyTokensPerMinute() / budget.tokensPerMinute();
	}

	String report() {
		Budget server = this.scenario.server();
		Budget client = this.scenario.client();
		StringBuilder out = new StringBuilder();
		line(out, "%s: %s, batchSize=%d", this.scenario.name(), this.scenario.description(), this.scenario.batchSize());
		line(out, "  scenes %d, channel texts %d, tokens %d", this.scenes, this.texts, this.tokens);
		line(out, "  requests sent %d (%.2f per 100 scenes), accepted %d (%.2f per 100 scenes), 429 answers %d",
				this.load.received(), requestsPer100Scenes(), this.load.accepted(), acceptedPer100Scenes(),
				this.load.throttled());
		line(out, "  server limits: %d requests/min, %d tokens/min; job's budget: %s", server.requestsPerMinute(),
				server.tokensPerMinute(), (client != null) ? client.requestsPerMinute() + " requests/min, "
						+ client.tokensPerMinute() + " tokens/min" : "the defaults (500 requests/min, 1000000 tokens/min)");
		line(out, "  achieved at the server over %.2f min: %.1f requests/min, %.0f tokens/min; after the first minute:"
				+ " %s requests/min, %s tokens/min", this.load.minutes(), this.load.requestsPerMinute(),
				this.load.tokensPerMinute(), figure(this.load.steadyRequestsPerMinute(), "%.1f"),
				figure(this.load.steadyTokensPerMinute(), "%.0f"));
		line(out, "  budget used (of one minute's burst + rate x run): requests %.1f%%, tokens %.1f%%; binding (%s):"
				+ " %.1f%% over the run, %s of its rate after the first minute",
				100 * this.load.requestBudgetUse(server.requestsPerMinute()),
				100 * this.load.tokenBudgetUse(server.tokensPerMinute()), requestsBind() ? "requests" : "tokens",
				100 * budgetUse(), percent(steadyBudgetUse()));
		line(out, "  failures %d, job process %.1f s", this.failures, this.jobSeconds);
		line(out, "  %s", verdict());
		return out.toString();
	}

	String verdict() {
		String lost = (this.failures == 0) ? "nothing lost" : this.failures + " channel texts LOST";
		String packing = (acceptedPer100Scenes() <= 1.0) ? "at most 1 request per 100 scenes"
				: String.format(Locale.ROOT, "%.2f requests per 100 scenes (small chunks on purpose)",
						acceptedPer100Scenes());
		String budget = (budgetUse() >= TARGET_BUDGET_USE) ? "binding budget used >= 90%"
				: String.format(Locale.ROOT, "binding budget used %.1f%%, BELOW the 90%% target", 100 * budgetUse());
		return String.join("; ", budget, packing, lost);
	}

	static String table(List<TextBenchResult> results) {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-9s %6s %8s %8s %7s %8s %7s %7s %5s %8s %8s%n",
				"scenario", "scenes", "tokens", "sent/100", "ok/100", "binds", "used", "steady", "429s", "failures",
				"process"));
		for (TextBenchResult result : results) {
			table.append(String.format(Locale.ROOT, "%-9s %6d %8d %8.2f %7.2f %8s %6.1f%% %7s %5d %8d %7.1fs%n",
					result.scenario().name(), result.scenes(), result.tokens(), result.requestsPer100Scenes(),
					result.acceptedPer100Scenes(), result.requestsBind() ? "requests" : "tokens", 100 * result.budgetUse(),
					percent(result.steadyBudgetUse()), result.load().throttled(), result.failures(), result.jobSeconds()));
		}
		return table.toString();
	}

	/** A share as a percentage, or n/a when the run was too short to tell. */
	private static String percent(double share) {
		return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
	}

	private static String figure(double value, String format) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
	}

	private static void line(StringBuilder out, String format, Object... arguments) {
		out.append(String.format(Locale.ROOT, format, arguments)).append(System.lineSeparator());
	}

}

package com.heimdex.embeddings.batch;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A job's outcome counts, kept in the step's execution context under the job's prefix (for
 * example {@code clip.processed}) so that they are committed with each chunk and carried over
 * when a failed or stopped execution is resumed: the values are the job instance's totals. What
 * one execution did is its totals less the totals it started from, which
 * {@link #startExecution()} records beside them. The context also names the namespace of its
 * counters and marks the values that are not counts, so that {@link #stepTotals} finds every count
 * of any step without knowing the job: what the metrics export.
 */
public final class RunCounters {

	/** Name of the counts by error code, before the code ({@code clip.error.thumbnail_timeout}). */
	public static final String ERROR_PREFIX = "error.";

	/** Prefix of the entries holding the totals an execution started from. */
	static final String AT_EXECUTION_START = "executionStart.";

	/** Entry naming the namespace of the step's counters: its prefix ({@code "clip."}). */
	static final String NAMESPACE = "counters.namespace";

	/** Prefix of the entries marking a value set with {@link #set} or {@link #setDouble}: not a count. */
	static final String NOT_A_COUNT = "counters.notACount.";

	private final ExecutionContext context;

	private final String prefix;

	/**
	 * @param context the step's execution context
	 * @param prefix the job's namespace, with its dot ({@code "clip."})
	 */
	public RunCounters(ExecutionContext context, String prefix) {
		this.context = context;
		this.prefix = prefix;
	}

	/**
	 * Records the totals this execution starts from (those of the execution it resumes, or none).
	 * Called once before the step's first chunk.
	 */
	public void startExecution() {
		declare();
		for (Map.Entry<String, Object> entry : this.context.entrySet()) {
			if (entry.getKey().startsWith(AT_EXECUTION_START + this.prefix)) {
				this.context.remove(entry.getKey());
			}
		}
		for (Map.Entry<String, Object> entry : this.context.entrySet()) {
			if (entry.getKey().startsWith(this.prefix) && entry.getValue() instanceof Long total) {
				this.context.putLong(AT_EXECUTION_START + entry.getKey(), total);
			}
		}
	}

	/** Adds to a count. */
	public void add(String name, long count) {
		declare();
		String key = this.prefix + name;
		this.context.putLong(key, this.context.getLong(key, 0) + count);
	}

	/** Counts one failure with this error code. */
	public void addError(String code) {
		add(ERROR_PREFIX + code, 1);
	}

	/** Instance totals of the failures by error code. */
	public Map<String, Long> errorsByCode() {
		return totals(ERROR_PREFIX);
	}

	/** Sets a value that each execution measures afresh (not a count): it is this execution's as is. */
	public void set(String name, long value) {
		declare();
		this.context.putLong(this.prefix + name, value);
		this.context.remove(AT_EXECUTION_START + this.prefix + name);
		this.context.putString(NOT_A_COUNT + this.prefix + name, "");
	}

	/** Sets a setting the run used, such as a price or a budget. */
	public void setDouble(String name, double value) {
		declare();
		this.context.putDouble(this.prefix + name, value);
		this.context.putString(NOT_A_COUNT + this.prefix + name, "");
	}

	/** The count over the whole job instance, resumed executions included. */
	public long total(String name) {
		return this.context.getLong(this.prefix + name, 0);
	}

	/** The count of this execution alone. */
	public long thisExecution(String name) {
		return total(name) - this.context.getLong(AT_EXECUTION_START + this.prefix + name, 0);
	}

	public double getDouble(String name) {
		return this.context.containsKey(this.prefix + name) ? this.context.getDouble(this.prefix + name) : 0;
	}

	/** Instance totals of the counts named {@code group} + a key ({@code "error."}), by key. */
	public Map<String, Long> totals(String group) {
		Map<String, Long> counts = new TreeMap<>();
		for (Map.Entry<String, Object> entry : this.context.entrySet()) {
			if (entry.getKey().startsWith(this.prefix + group)) {
				counts.put(entry.getKey().substring((this.prefix + group).length()),
						((Number) entry.getValue()).longValue());
			}
		}
		return counts;
	}

	/** This execution's counts named {@code group} + a key, by key; keys it did not count are left out. */
	public Map<String, Long> thisExecutionByKey(String group) {
		Map<String, Long> counts = new TreeMap<>();
		totals(group).forEach((key, total) -> {
			long count = thisExecution(group + key);
			if (count != 0) {
				counts.put(key, count);
			}
		});
		return counts;
	}

	/**
	 * Every numeric entry of a step's context as this execution counted it: totals less what the
	 * execution started from. Entries of item streams (their positions) are left out.
	 */
	public static Map<String, Number> executionCounts(ExecutionContext context) {
		Map<String, Number> counts = new TreeMap<>();
		instanceCounts(context).forEach((key, value) -> {
			Object atStart = context.get(AT_EXECUTION_START + key);
			counts.put(key, (value instanceof Long total && atStart instanceof Long start) ? total - start : value);
		});
		return counts;
	}

	/**
	 * Every numeric entry of a step's context over the whole job instance, but item streams' positions
	 * and the progress a step publishes for the admin page.
	 */
	public static Map<String, Number> instanceCounts(ExecutionContext context) {
		Map<String, Number> counts = new TreeMap<>();
		for (Map.Entry<String, Object> entry : context.entrySet()) {
			if (entry.getValue() instanceof Number number && !entry.getKey().endsWith(".read.count")
					&& !entry.getKey().startsWith(AT_EXECUTION_START) && !entry.getKey().startsWith(RunProgress.KEY_PREFIX)) {
				counts.put(entry.getKey(), number);
			}
		}
		return counts;
	}

	/**
	 * The counts a step keeps with {@code RunCounters}, over the job instance, by name without the
	 * namespace ({@code processed}, {@code tokens}), failures by error code apart; values set with
	 * {@link #set} and {@link #setDouble} are left out. Empty for a step that keeps none.
	 */
	public static StepTotals stepTotals(ExecutionContext context) {
		Map<String, Long> counts = new TreeMap<>();
		Map<String, Long> errorsByCode = new TreeMap<>();
		if (context.get(NAMESPACE) instanceof String namespace) {
			for (Map.Entry<String, Object> entry : context.entrySet()) {
				String key = entry.getKey();
				if (key.startsWith(namespace) && entry.getValue() instanceof Long total
						&& !context.containsKey(NOT_A_COUNT + key)) {
					String name = key.substring(namespace.length());
					if (name.startsWith(ERROR_PREFIX)) {
						errorsByCode.put(name.substring(ERROR_PREFIX.length()), total);
					}
					else {
						counts.put(name, total);
					}
				}
			}
		}
		return new StepTotals(counts, errorsByCode);
	}

	/**
	 * A step's counts over the job instance.
	 *
	 * @param counts each count by name ({@code processed}, {@code images}, {@code dryRun.index})
	 * @param errorsByCode failures by error code (the {@code error.<code>} counts)
	 */
	public record StepTotals(Map<String, Long> counts, Map<String, Long> errorsByCode) {

	}

	private void declare() {
		this.context.putString(NAMESPACE, this.prefix);
	}

}

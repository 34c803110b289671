package com.heimdex.embeddings.batch;

import java.util.List;

/**
 * One {@code name=value} option of a job.
 *
 * @param name camelCase name as typed on the command line
 * @param type what values it takes
 * @param defaultValue raw default, or {@code null} when unset by default
 * @param identifying whether it selects the work (a different value is a different job
 * instance) rather than tuning how it is done (a new value applies on resume)
 * @param allowedValues for {@link OptionType#TEXT} options with a closed set of values: the
 * values, and a comma-separated subset of them is accepted; empty for any text
 * @param description one line for {@code --help} style listings and docs
 */
public record JobOption(String name, OptionType type, String defaultValue, boolean identifying,
		List<String> allowedValues, String description) {

	public JobOption {
		allowedValues = List.copyOf(allowedValues);
	}

	/** An option that selects which rows the job works on. */
	public static JobOption scope(String name, OptionType type, String defaultValue, String description) {
		return new JobOption(name, type, defaultValue, true, List.of(), description);
	}

	/** An option that tunes how the job works; it may change between a failure and its resume. */
	public static JobOption tuning(String name, OptionType type, String defaultValue, String description) {
		return new JobOption(name, type, defaultValue, false, List.of(), description);
	}

	/** A scope option whose value is a comma-separated subset of {@code allowedValues}. */
	public static JobOption subsetOf(String name, List<String> allowedValues, String defaultValue,
			String description) {
		return new JobOption(name, OptionType.TEXT, defaultValue, true, allowedValues, description);
	}

	/** Options and lists of options, in order, as one list. */
	public static List<JobOption> list(Object... optionsOrLists) {
		List<JobOption> options = new java.util.ArrayList<>();
		for (Object item : optionsOrLists) {
			if (item instanceof JobOption option) {
				options.add(option);
			}
			else {
				((List<?>) item).forEach((option) -> options.add((JobOption) option));
			}
		}
		return options;
	}

	/** What this option allows, in words. */
	public String allowed() {
		if (this.allowedValues.isEmpty()) {
			return this.type.allowed();
		}
		return "a comma-separated list of " + String.join(", ", this.allowedValues);
	}

	Object parse(String raw) {
		Object value = this.type.parse(raw);
		if (this.allowedValues.isEmpty()) {
			return value;
		}
		List<String> parts = java.util.Arrays.stream(raw.split(",")).map(String::trim).toList();
		if (parts.isEmpty() || parts.stream().anyMatch((part) -> !this.allowedValues.contains(part))) {
			throw new IllegalArgumentException(allowed());
		}
		return String.join(",", this.allowedValues.stream().filter(parts::contains).toList());
	}

}

package com.heimdex.embeddings.batch;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The {@code partition} / {@code partitions} options every scene job takes for scale-out: each
 * partition is its own job instance, restartable on its own, holding its own run lock. An Indexed
 * Job sets {@code JOB_COMPLETION_INDEX}, which stands for {@code partition} when it is not given.
 */
public final class PartitionOptions {

	public static final String PARTITION = "partition";

	public static final String PARTITIONS = "partitions";

	/** Environment variable Kubernetes sets in each pod of an Indexed Job. */
	public static final String COMPLETION_INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

	private PartitionOptions() {
	}

	public static List<JobOption> options() {
		return List.of(
				JobOption.scope(PARTITION, OptionType.NON_NEGATIVE_INTEGER, "0",
						"this process's slice of the scenes, 0 to partitions-1 (default: JOB_COMPLETION_INDEX or 0)"),
				JobOption.scope(PARTITIONS, OptionType.POSITIVE_INTEGER, "1",
						"how many processes share the run (disjoint slices by scene id hash), at most " + JobRunLock.MAX_PARTITIONS));
	}

	/** @return the problem with the partition options in words, or {@code null} */
	public static String problem(JobParameters parameters) {
		long partition = value(parameters, PARTITION);
		long partitions = value(parameters, PARTITIONS);
		if (partitions > JobRunLock.MAX_PARTITIONS) {
			return "partitions=" + partitions + " is too many: at most " + JobRunLock.MAX_PARTITIONS;
		}
		if (partition >= partitions) {
			return "partition=" + partition + " is outside partitions=" + partitions + ": expected 0 to "
					+ (partitions - 1);
		}
		return null;
	}

	public static int partition(Map<String, Object> parameters) {
		return ((Number) parameters.getOrDefault(PARTITION, 0L)).intValue();
	}

	public static int partitions(Map<String, Object> parameters) {
		return ((Number) parameters.getOrDefault(PARTITIONS, 1L)).intValue();
	}

	/** The {@code name=value} words with {@code partition} taken from the Indexed Job's index if absent. */
	public static List<String> withCompletionIndex(List<String> words, Map<String, String> environment) {
		String index = environment.get(COMPLETION_INDEX_VARIABLE);
		if (index == null || index.isBlank() || words.stream().anyMatch((word) -> word.startsWith(PARTITION + "="))) {
			return words;
		}
		List<String> completed = new java.util.ArrayList<>(words);
		completed.add(PARTITION + "=" + index.trim());
		return completed;
	}

	private static long value(JobParameters parameters, String name) {
		JobParameter<?> parameter = parameters.getParameter(name);
		return (parameter != null) ? ((Number) parameter.value()).longValue() : 0;
	}

}

package com.heimdex.embeddings.metrics;

import java.util.List;
import java.util.Map;

/**
 * The Pushgateway grouping key of a process: {@code job="scene-embedding-jobs"} (the
 * {@code management.prometheus.metrics.export.pushgateway.job} setting) and {@code instance}, the
 * job and partition of a {@code start} ({@code clipBackfill-0}) or the command's name. Each push
 * replaces its group, so every job and partition keeps its own series: a text run never erases
 * the CLIP run's, nor one partition another's.
 */
public final class PushgatewayGrouping {

	static final String INSTANCE_KEY = "management.prometheus.metrics.export.pushgateway.grouping-key.instance";

	private PushgatewayGrouping() {
	}

	/**
	 * @param command the command line's command
	 * @param jobName the job of {@code start}, else {@code null}
	 * @param parameters the {@code name=value} words of {@code start}
	 * @return the default property naming the group
	 */
	public static Map<String, Object> defaults(String command, String jobName, List<String> parameters) {
		if (!"start".equals(command) || jobName == null) {
			return Map.of(INSTANCE_KEY, command);
		}
		String partition = parameters.stream()
			.filter((word) -> word.startsWith("partition="))
			.map((word) -> word.substring("partition=".length()).trim())
			.reduce((first, last) -> last)
			.orElse("0");
		return Map.of(INSTANCE_KEY, jobName + "-" + partition);
	}

}

package com.heimdex.embeddings.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples of one Pushgateway group ({@code job} and {@code instance}), as its {@code /metrics}
 * shows them.
 *
 * @param samples every sample of the group
 */
public record PushedSeries(List<Sample> samples) {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** The samples among these exposition lines whose {@code job} and {@code instance} labels are these. */
	static PushedSeries of(List<String> lines, String job, String instance) {
		List<Sample> samples = new java.util.ArrayList<>();
		for (String line : lines) {
			Matcher matcher = SAMPLE.matcher(line);
			if (matcher.matches()) {
				Map<String, String> labels = labels(matcher.group(3));
				if (job.equals(labels.get("job")) && instance.equals(labels.get("instance"))) {
					samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
				}
			}
		}
		return new PushedSeries(List.copyOf(samples));
	}

	/** The value of the one sample of {@code name} with these labels (and maybe others), or {@code null}. */
	public Double value(String name, Map<String, String> labels) {
		List<Sample> matching = this.samples.stream()
			.filter((sample) -> sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
			.toList();
		assertThat(matching.size()).as("samples of %s%s", name, labels).isLessThanOrEqualTo(1);
		return matching.isEmpty() ? null : matching.get(0).value();
	}

	/** The metric names of the samples. */
	public List<String> names() {
		return this.samples.stream().map(Sample::name).distinct().toList();
	}

	private static Map<String, String> labels(String text) {
		Map<String, String> labels = new HashMap<>();
		if (text != null) {
			Matcher matcher = LABEL.matcher(text);
			while (matcher.find()) {
				labels.put(matcher.group(1), matcher.group(2));
			}
		}
		return labels;
	}

	/** One sample: metric name, labels, value. */
	public record Sample(String name, Map<String, String> labels, double value) {

	}

}

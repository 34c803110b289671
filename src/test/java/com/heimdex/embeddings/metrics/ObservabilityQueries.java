package com.heimdex.embeddings.metrics;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The PromQL of {@code deploy/observability}: the dashboard's queries and the alert rules' expressions. */
final class ObservabilityQueries {

	static final Path DASHBOARD = Path.of("deploy/observability/grafana-dashboard.json");

	static final Path ALERT_RULES = Path.of("deploy/observability/alert-rules.yaml");

	/** The coverage that only reprocess and lexicalIndex push, at the end of their runs. */
	static final Set<String> REPROCESS_AND_LEXICAL_COVERAGE = Set.of("scene_embedding_spec_coverage_ratio",
			"scene_embedding_lexical_coverage_ratio");

	/** The job's own metrics and Spring Batch's: what the queries may name. */
	private static final Pattern METRIC = Pattern.compile("\\b((?:scene_embedding|spring_batch)_[a-z0-9_]+)\\b");

	private ObservabilityQueries() {
	}

	static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				queries.add(target.get("expr").asString());
			}
		}
		return queries;
	}

	@SuppressWarnings("unchecked")
	static List<String> alertExpressions() throws IOException {
		List<String> expressions = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(ALERT_RULES)) {
			Map<String, Object> rules = new Yaml().load(reader);
			for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					expressions.add((String) rule.get("expr"));
				}
			}
		}
		return expressions;
	}

	/** Every metric the dashboard and the alert rules name. */
	static Set<String> metricNames() throws IOException {
		Set<String> names = new TreeSet<>();
		List<String> queries = new ArrayList<>(dashboardQueries());
		queries.addAll(alertExpressions());
		for (String query : queries) {
			Matcher matcher = METRIC.matcher(withoutLabels(query));
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	/** Each metric the queries select with labels, and the label names they select it by. */
	static Map<String, Set<String>> selectedLabels() throws IOException {
		Map<String, Set<String>> selected = new java.util.TreeMap<>();
		List<String> queries = new ArrayList<>(dashboardQueries());
		queries.addAll(alertExpressions());
		Pattern selector = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\{([^}]*)}");
		Pattern label = Pattern.compile("([a-z_][a-z0-9_]*)\\s*(=~|!~|!=|=)");
		for (String query : queries) {
			Matcher matcher = selector.matcher(query);
			while (matcher.find()) {
				Matcher labels = label.matcher(matcher.group(2));
				while (labels.find()) {
					selected.computeIfAbsent(matcher.group(1), (metric) -> new TreeSet<>()).add(labels.group(1));
				}
			}
		}
		return selected;
	}

	/** The query without label matchers and grouping clauses, whose names are labels, not metrics. */
	private static String withoutLabels(String query) {
		return query.replaceAll("\\{[^}]*}", "").replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
	}

	/** Identifiers in a query that look like metric names (followed by a selector, a range or a bracket). */
	static Set<String> unqualifiedMetricLikeNames(String query) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*[{\\[]").matcher(query);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}

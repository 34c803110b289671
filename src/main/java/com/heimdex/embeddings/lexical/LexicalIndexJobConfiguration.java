package com.heimdex.embeddings.lexical;

import java.util.List;

import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.JobOption;
import com.heimdex.embeddings.batch.OptionType;
import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.metrics.RunCoverage;
import com.heimdex.embeddings.metrics.RunMetrics;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code lexicalIndex}: the lexical index step run alone, with the parameters it takes as a step
 * of {@code reprocess} ({@code start lexicalIndex scope=all}).
 */
@Configuration(proxyBeanMethods = false)
class LexicalIndexJobConfiguration {

	static final String JOB_NAME = "lexicalIndex";

	static final List<String> SCOPES = List.of("video", "owner", "all");

	@Bean
	JobDescriptor lexicalIndexDescriptor(JdbcTemplate jdbc, LexicalIndexProperties settings,
			OpenSearchProperties openSearch) {
		return new JobDescriptor(JOB_NAME, "scene documents for lexical (BM25) search, in PostgreSQL or OpenSearch",
				JobOption.list(
						JobOption.scope("scope", OptionType.TEXT, null,
								"which videos' scenes: video (with videoId), owner (with ownerId) or all; required"),
						JobOption.scope("videoId", OptionType.UUID_VALUE, null, "the video of scope=video"),
						JobOption.scope("ownerId", OptionType.UUID_VALUE, null, "the owner of scope=owner"),
						JobOption.scope("since", OptionType.TIMESTAMP, null,
								"only videos updated at or after this time (videos.updated_at)"),
						JobOption.scope("force", OptionType.BOOLEAN, "false",
								"rewrite every document in scope; with scope=all, OpenSearch gets a new index and"
										+ " the alias moves to it when complete"),
						JobOption.scope("dryRun", OptionType.BOOLEAN, "false",
								"count what would be written and removed; write nothing"),
						JobOption.scope("steps", OptionType.TEXT, null,
								"comma-separated steps of the run; without lexicalIndex this step does nothing"),
						PartitionOptions.options(),
						JobOption.tuning("batchSize", OptionType.POSITIVE_INTEGER, "500",
								"scenes per chunk: one bulk request (or statement) and one commit")),
				(parameters) -> problem(parameters, jdbc, settings, openSearch));
	}

	@Bean
	Job lexicalIndex(JobRepository jobRepository, Step lexicalIndexStep, JobDescriptor lexicalIndexDescriptor,
			RunMetrics runMetrics) {
		return new JobBuilder(JOB_NAME, jobRepository).validator(lexicalIndexDescriptor.validator())
			.listener(runMetrics.jobListener(RunCoverage.LEXICAL_INDEX))
			.start(lexicalIndexStep)
			.build();
	}

	static String problem(JobParameters parameters, JdbcTemplate jdbc, LexicalIndexProperties settings,
			OpenSearchProperties openSearch) {
		String scope = text(parameters, "scope");
		if (scope == null) {
			return "parameter 'scope' is missing; expected one of " + String.join(", ", SCOPES);
		}
		if (!SCOPES.contains(scope)) {
			return "invalid value '" + scope + "' for parameter 'scope': expected one of " + String.join(", ", SCOPES);
		}
		boolean video = text(parameters, "videoId") != null;
		boolean owner = text(parameters, "ownerId") != null;
		if (scope.equals("video") != video) {
			return video ? "parameter 'videoId' is only allowed with scope=video"
					: "scope=video needs parameter 'videoId' (the video's UUID)";
		}
		if (scope.equals("owner") != owner) {
			return owner ? "parameter 'ownerId' is only allowed with scope=owner"
					: "scope=owner needs parameter 'ownerId' (the owner's UUID)";
		}
		String steps = text(parameters, "steps");
		if (steps != null && !steps.matches("\\s*[A-Za-z]+\\s*(,\\s*[A-Za-z]+\\s*)*")) {
			return "invalid value '" + steps + "' for parameter 'steps': expected a comma-separated list of step"
					+ " names such as lexicalIndex";
		}
		return openSearch.enabled() ? null : PostgresLexicalIndex.configurationProblem(jdbc, settings.textSearchConfig());
	}

	private static String text(JobParameters parameters, String name) {
		JobParameter<?> parameter = parameters.getParameter(name);
		return (parameter != null) ? String.valueOf(parameter.value()) : null;
	}

}

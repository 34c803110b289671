package com.heimdex.embeddings.lexical;

import java.util.Map;

import javax.sql.DataSource;

import com.heimdex.embeddings.batch.HeldRunLocks;
import com.heimdex.embeddings.metrics.RunMetrics;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The lexical index step, {@code lexicalIndexStep}: the scenes in scope whose document changed
 * (all with {@code force}) are read in id order with their texts, written to the back end (
 * PostgreSQL, or OpenSearch when {@code OPENSEARCH_URL} is set), and their outcome recorded per
 * scene; scenes that are gone leave the index. It reads the job parameters the reprocess job
 * shares: {@code scope}, {@code videoId}, {@code ownerId}, {@code since}, {@code force},
 * {@code dryRun}, {@code steps}, {@code partitions}/{@code partition}, {@code batchSize}.
 */
@Configuration(proxyBeanMethods = false)
class LexicalIndexStepConfiguration {

	static final String STEP_NAME = "lexicalIndexStep";

	static final String READER_NAME = "lexicalIndexWork";

	@Bean
	LexicalIndex lexicalIndexBackend(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			LexicalIndexProperties settings, OpenSearchProperties openSearch) {
		if (openSearch.enabled()) {
			return new OpenSearchLexicalIndex(OpenSearchClients.create(openSearch), openSearch, settings);
		}
		return new PostgresLexicalIndex(jdbc, transactionManager, settings);
	}

	@Bean
	LexicalIndexMethod lexicalIndexMethod(LexicalIndex lexicalIndexBackend) {
		return new LexicalIndexMethod(lexicalIndexBackend.target(), lexicalIndexBackend.profile());
	}

	@Bean
	SceneLexicalIndexRepository sceneLexicalIndexRepository(JdbcTemplate jdbc) {
		return new SceneLexicalIndexRepository(jdbc);
	}

	@Bean
	@JobScope
	Step lexicalIndexStep(@Value("#{jobParameters}") Map<String, Object> jobParameters,
			@Value("#{jobExecution.jobInstance.instanceId}") long jobInstanceId, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, DataSource dataSource, LexicalIndex lexicalIndexBackend,
			SceneLexicalIndexRepository repository, HeldRunLocks runLocks, RunMetrics runMetrics) throws Exception {
		LexicalIndexParameters parameters = LexicalIndexParameters.from(jobParameters);
		String indexName = lexicalIndexBackend.open(parameters, jobInstanceId);
		LexicalSceneSelection selection = new LexicalSceneSelection(lexicalIndexBackend.target(), lexicalIndexBackend.profile(),
				indexName, parameters);
		LexicalIndexWriter writer = new LexicalIndexWriter(lexicalIndexBackend, repository, indexName, parameters.dryRun());
		return new StepBuilder(STEP_NAME, jobRepository).<LexicalWorkItem, LexicalWorkItem>chunk(parameters.batchSize())
			.transactionManager(transactionManager)
			.reader(LexicalWorkReader.create(READER_NAME, dataSource, selection, parameters.batchSize()))
			.writer(writer)
			.listener(writer)
			.listener(new LexicalIndexReport(parameters, selection, lexicalIndexBackend,
					new NamedParameterJdbcTemplate(dataSource)))
			.listener(runLocks.guard())
			.listener(runMetrics.stepListener())
			.build();
	}

}

package com.heimdex.embeddings.batch;

import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch with its JDBC JobRepository in the application's PostgreSQL. The database type is
 * given so that building the context never opens a connection: arguments are checked first.
 * Spring Batch's Micrometer observations (jobs, steps, chunks, items) go to Spring Boot's
 * observation registry, whose meters the run summary reports and the metrics export pushes.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing(observationRegistryRef = "observationRegistry")
@EnableJdbcJobRepository(databaseType = "POSTGRES")
class BatchConfiguration {

}

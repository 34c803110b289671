package com.heimdex.embeddings.batch;

import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch with its JDBC JobRepository in the application's PostgreSQL. The database type is
 * given so that building the context never opens a connection: arguments are checked first.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository(databaseType = "POSTGRES")
class BatchConfiguration {

}

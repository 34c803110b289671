package com.heimdex.embeddings.batch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch with its JDBC JobRepository in the application's PostgreSQL. The database type is
 * given so that building the context never opens a connection: arguments are checked first.
 * Spring Batch's Micrometer observations (jobs, steps, chunks, items) are recorded in a meter
 * registry that the run summary reports.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing(observationRegistryRef = "observationRegistry")
@EnableJdbcJobRepository(databaseType = "POSTGRES")
class BatchConfiguration {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

}

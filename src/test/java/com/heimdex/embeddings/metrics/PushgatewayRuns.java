package com.heimdex.embeddings.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.clip.ClipBackfillTestSupport;
import com.heimdex.embeddings.support.ApplicationJar;
import com.heimdex.embeddings.support.PushedSeries;
import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.support.TestPushgateway;
import com.heimdex.embeddings.text.FakeEmbeddingServer;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the Pushgateway tests share: a database of their own, a thumbnail server, an embedding
 * server, and the built jar pushing its metrics every 200 ms to the test Pushgateway under a job
 * name of its own. Closing it deletes the groups the runs pushed and stops the servers.
 */
final class PushgatewayRuns implements AutoCloseable {

	final TestDatabase database;

	final JdbcTemplate jdbc;

	final ThumbnailTestServer thumbnails;

	final FakeEmbeddingServer embeddings;

	final Path logs;

	private final TestPushgateway pushgateway = TestPushgateway.get();

	private final String pushJob = "sej-it-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<String> instances;

	private PushgatewayRuns(Class<?> test, FakeEmbeddingServer embeddings, List<String> instances) throws IOException {
		this.database = TestDatabase.create(test);
		this.jdbc = this.database.jdbcTemplate();
		this.thumbnails = ThumbnailTestServer.start();
		this.embeddings = embeddings;
		this.logs = Files.createTempDirectory("pushgateway-it");
		this.instances = instances;
	}

	/** @param instances the groups the test's runs push ({@code <job>-<partition>}, {@code migrate}) */
	static PushgatewayRuns start(Class<?> test, FakeEmbeddingServer embeddings, String... instances)
			throws IOException {
		return new PushgatewayRuns(test, embeddings, List.of(instances));
	}

	/** Starts the jar with {@code args}, pushing to the test Pushgateway. */
	Process jar(String... args) throws IOException {
		return jar(Map.of(), args);
	}

	/** The same with these settings added to (or replacing) the test's own. */
	Process jar(Map<String, String> settings, String... args) throws IOException {
		Map<String, String> environment = new HashMap<>(Map.of("CLIP_MODEL_PATH",
				ClipBackfillTestSupport.model().toString(), "THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true",
				"OPENAI_BASE_URL", this.embeddings.baseUrl(), "OPENAI_API_KEY", "sk-test", "EMBEDDING_INITIAL_BACKOFF",
				"10ms", "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true",
				"MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", this.pushgateway.address(),
				"MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_JOB", this.pushJob,
				"MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_PUSH_RATE", "200ms"));
		environment.putAll(settings);
		return ApplicationJar.of(this.database, this.logs).withEnvironment(environment).start(args);
	}

	/** The samples pushed to this test's job with this instance. */
	PushedSeries series(String instance) throws IOException, InterruptedException {
		return this.pushgateway.series(this.pushJob, instance);
	}

	/** {@code labels} with one more. */
	static Map<String, String> with(Map<String, String> labels, String name, String value) {
		Map<String, String> all = new HashMap<>(labels);
		all.put(name, value);
		return all;
	}

	@Override
	public void close() throws Exception {
		try {
			for (String instance : this.instances) {
				this.pushgateway.deleteGroup(this.pushJob, "instance", instance);
			}
		}
		finally {
			this.embeddings.close();
			this.thumbnails.close();
			this.database.close();
		}
	}

}

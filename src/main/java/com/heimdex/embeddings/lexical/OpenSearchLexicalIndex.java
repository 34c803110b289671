package com.heimdex.embeddings.lexical;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * The OpenSearch back end: documents go through {@code _bulk} with the scene id as {@code _id}
 * (idempotent {@code index} and {@code delete} actions) into the index behind the alias
 * {@code OPENSEARCH_INDEX}. Each item's answer is checked: items answered 429 are sent again with
 * backoff, other refusals are recorded per scene with a stable code, the rest is committed. A
 * forced run over everything fills a new index and moves the alias to it once complete, so
 * searches never see a half-built index.
 */
class OpenSearchLexicalIndex implements LexicalIndex, AutoCloseable {

	private static final Log logger = LogFactory.getLog(OpenSearchLexicalIndex.class);

	static final String TARGET = "opensearch";

	private static final DateTimeFormatter INDEX_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final OpenSearchClient client;

	private final OpenSearchProperties settings;

	private final LexicalIndexProperties lexicalSettings;

	private final OpenSearchIndexes indexes;

	private final Sleeper sleeper;

	/** How long the run waits, so tests need not. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	OpenSearchLexicalIndex(OpenSearchClient client, OpenSearchProperties settings,
			LexicalIndexProperties lexicalSettings) {
		this(client, settings, lexicalSettings, (duration) -> Thread.sleep(duration.toMillis()));
	}

	OpenSearchLexicalIndex(OpenSearchClient client, OpenSearchProperties settings,
			LexicalIndexProperties lexicalSettings, Sleeper sleeper) {
		this.client = client;
		this.settings = settings;
		this.lexicalSettings = lexicalSettings;
		this.indexes = new OpenSearchIndexes(client, settings);
		this.sleeper = sleeper;
	}

	@Override
	public String target() {
		return TARGET;
	}

	@Override
	public String profile() {
		return TARGET;
	}

	@Override
	public String open(LexicalIndexParameters parameters, long jobInstanceId) {
		String alias = this.settings.index();
		Set<String> current = this.indexes.aliasIndexes();
		boolean concrete = current.isEmpty() && this.indexes.indexExists(alias);
		if (current.size() > 1) {
			throw new IllegalStateException("OPENSEARCH_INDEX=" + alias + " is an alias of several indexes ("
					+ String.join(", ", OpenSearchIndexes.sorted(current)) + "); point it at one index, or run"
					+ " lexicalIndex scope=all force=true to rebuild one");
		}
		if (parameters.force() && parameters.coversEverything()) {
			if (concrete) {
				throw new IllegalStateException("OPENSEARCH_INDEX=" + alias + " is an index, not an alias, so a"
						+ " forced rebuild cannot replace it; name an alias in OPENSEARCH_INDEX, or run without force");
			}
			String rebuilt = alias + "-rebuild-" + jobInstanceId;
			if (!parameters.dryRun() && !this.indexes.indexExists(rebuilt)) {
				this.indexes.create(rebuilt, false);
				logger.info("Created index " + rebuilt + " for the rebuild; alias " + alias + " moves to it when the"
						+ " run completes");
			}
			return rebuilt;
		}
		if (concrete) {
			return alias;
		}
		if (!current.isEmpty()) {
			return current.iterator().next();
		}
		if (parameters.dryRun() || !parameters.selected()) {
			return null;
		}
		String created = alias + "-" + LocalDateTime.now(ZoneOffset.UTC).format(INDEX_SUFFIX);
		this.indexes.create(created, true);
		logger.info("Created index " + created + " with alias " + alias);
		return created;
	}

	@Override
	public List<LexicalOutcome> write(String indexName, List<LexicalWorkItem> items) {
		LexicalOutcome[] outcomes = new LexicalOutcome[items.size()];
		List<Integer> pending = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			pending.add(i);
		}
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			List<Integer> sent = pending;
			BulkResponse response = OpenSearchIndexes.call(() -> this.client.bulk((bulk) -> bulk.index(indexName)
				.operations(sent.stream().map((i) -> operation(items.get(i))).toList())));
			pending = new ArrayList<>();
			for (int k = 0; k < sent.size(); k++) {
				int i = sent.get(k);
				BulkResponseItem answer = response.items().get(k);
				if (answer.error() == null || (items.get(i).removed() && answer.status() == 404)) {
					outcomes[i] = LexicalOutcome.done(items.get(i));
				}
				else if (answer.status() == 429 && attempt < this.lexicalSettings.maxRateLimitedAttempts()) {
					pending.add(i);
				}
				else {
					LexicalIndexError error = (answer.status() == 429) ? LexicalIndexError.RATE_LIMITED
							: LexicalIndexError.ofStatus(answer.status());
					outcomes[i] = LexicalOutcome.failed(items.get(i), error, answer.status() + " "
							+ answer.error().type() + ": " + answer.error().reason());
				}
			}
			if (!pending.isEmpty()) {
				Duration wait = this.lexicalSettings.backoff(attempt);
				logger.info(pending.size() + " documents answered 429 (too many requests); retry " + attempt
						+ " in " + wait.toMillis() + " ms");
				try {
					this.sleeper.sleep(wait);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while waiting to retry rate-limited documents", ex);
				}
			}
		}
		return List.of(outcomes);
	}

	private static BulkOperation operation(LexicalWorkItem item) {
		String id = item.sceneId().toString();
		if (item.removed()) {
			return BulkOperation.of((operation) -> operation.delete((delete) -> delete.id(id)));
		}
		return BulkOperation.of((operation) -> operation.index((index) -> index.id(id).document(document(item))));
	}

	static Map<String, Object> document(LexicalWorkItem item) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("scene_id", item.sceneId().toString());
		document.put("owner_id", item.ownerId().toString());
		document.put("video_id", item.videoId().toString());
		document.put("scene_index", item.sceneIndex());
		document.put("transcript", item.transcript());
		document.put("visual_description", item.visualDescription());
		document.put("tags", item.tags());
		document.put("summary", item.summary());
		document.put("content_sha256", item.contentSha256());
		return document;
	}

	@Override
	public void complete(LexicalIndexParameters parameters, String indexName) {
		if (parameters.force() && parameters.coversEverything() && !parameters.dryRun()) {
			OpenSearchIndexes.call(() -> this.client.indices().refresh((refresh) -> refresh.index(indexName)));
			this.indexes.moveAlias(indexName);
			logger.info("Alias " + this.settings.index() + " now points to " + indexName);
		}
	}

	@Override
	public String describe() {
		return "OpenSearch " + this.settings.url() + " (alias " + this.settings.index() + ", analyzer "
				+ this.settings.analyzer() + ")";
	}

	@Override
	public void close() throws Exception {
		this.client._transport().close();
	}

}

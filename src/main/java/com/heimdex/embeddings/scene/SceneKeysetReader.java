package com.heimdex.embeddings.scene;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads {@code video_scenes} rows in id order, a page at a time ({@code id > last id}), and keeps
 * as its restart state the id of the last scene it handed out. A restart continues strictly after
 * that id, whatever the page size before and after: Spring Batch's paging reader instead restarts
 * from the last page boundary and skips {@code readCount % pageSize} rows, which skips scenes when
 * the resume uses another page size. The read count is kept only for {@code maxScenes}.
 * <p>
 * The rows may be read in consecutive passes, each a condition read in id order (the state then
 * holds the pass too), and the reader keeps the time its run started, given to the conditions as
 * {@code :runStartedAt} (see {@link FailedAttemptBackoff}), the same after any restart.
 * <p>
 * The ids come first, a window of up to {@value #ID_WINDOW} at a time, from a query that finds the
 * matching rows before ordering them; each page then reads its rows by id, the condition checked
 * again. A plain {@code ORDER BY id LIMIT n} lets PostgreSQL walk the primary key until n rows
 * match, which is quick when most rows match but visits every row of the table, in random order,
 * when few or none do and the planner cannot tell (the text conditions compare computed hashes): 7.5
 * s for an idle text run over a million scenes, against one scan of the table for the whole window.
 *
 * @param <T> what a row maps to
 */
public final class SceneKeysetReader<T> extends AbstractItemCountingItemStreamItemReader<T> {

	/** Execution-context key (after the reader's name) of the last scene id handed out. */
	static final String LAST_ID = "last.id";

	/** Execution-context key of the pass being read. */
	static final String PASS = "pass";

	/** Execution-context key of the run's start, in epoch milliseconds. */
	static final String RUN_STARTED_AT = "run.started.at";

	/** The key Spring Batch's paging reader kept its page boundary under, read when resuming an older execution. */
	private static final String PAGING_START_AFTER = "start.after";

	/** The most ids one window query returns (a few MB of heap). */
	static final int ID_WINDOW = 50_000;

	private final NamedParameterJdbcTemplate jdbc;

	private final List<String> firstWindowQueries;

	private final List<String> nextWindowQueries;

	private final List<String> pageQueries;

	private final Map<String, Object> parameters;

	private final RowMapper<T> rowMapper;

	private final Function<T, UUID> idOf;

	private final int pageSize;

	private final int idWindow;

	private final Deque<T> page = new ArrayDeque<>();

	private final Deque<UUID> window = new ArrayDeque<>();

	/** Whether the pass's last window has been read: no ids after those in {@link #window}. */
	private boolean lastWindow;

	/** Where the next window starts: after the last id of the one before, or after the restart point. */
	private UUID windowAfter;

	private int pass;

	private UUID lastId;

	private OffsetDateTime runStartedAt;

	private boolean exhausted;

	/**
	 * @param name the reader's name in the execution context
	 * @param selectClause the {@code SELECT} list over {@code video_scenes}, with {@code id}
	 * @param passes the conditions of the rows to read, without the keyword, read one after the other
	 * @param parameters the named parameters of the clauses
	 * @param idOf the scene id of a mapped row
	 * @param maxItems stop after this many rows over all executions of the step, or {@code null}
	 */
	public SceneKeysetReader(String name, DataSource dataSource, String selectClause, List<String> passes,
			Map<String, Object> parameters, RowMapper<T> rowMapper, Function<T, UUID> idOf, int pageSize,
			Long maxItems) {
		this(name, dataSource, selectClause, passes, parameters, rowMapper, idOf, pageSize, maxItems, ID_WINDOW);
	}

	/** @param idWindow the most ids one window query returns */
	SceneKeysetReader(String name, DataSource dataSource, String selectClause, List<String> passes,
			Map<String, Object> parameters, RowMapper<T> rowMapper, Function<T, UUID> idOf, int pageSize,
			Long maxItems, int idWindow) {
		setName(name);
		this.firstWindowQueries = new ArrayList<>();
		this.nextWindowQueries = new ArrayList<>();
		this.pageQueries = new ArrayList<>();
		for (String condition : passes) {
			String where = (condition == null || condition.isBlank()) ? "TRUE" : "(" + condition + ")";
			// OFFSET 0 keeps the ORDER BY and LIMIT out of the inner query's plan (see the class comment)
			String window = "SELECT id FROM (SELECT id FROM video_scenes WHERE " + where + "%s OFFSET 0) AS matching"
					+ " ORDER BY id LIMIT " + idWindow;
			this.firstWindowQueries.add(window.formatted(""));
			this.nextWindowQueries.add(window.formatted(" AND id > :keysetLastId"));
			this.pageQueries.add(selectClause + " FROM video_scenes WHERE id = ANY(CAST(:pageIds AS uuid[])) AND "
					+ where + " ORDER BY id");
		}
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.parameters = Map.copyOf(parameters);
		this.rowMapper = rowMapper;
		this.idOf = idOf;
		this.pageSize = pageSize;
		this.idWindow = idWindow;
		if (maxItems != null) {
			setMaxItemCount(Math.toIntExact(Math.min(maxItems, Integer.MAX_VALUE)));
		}
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.lastId = restartPoint(executionContext);
		// kept as text, so that the run's counters (the context's numbers) do not take them for counts
		this.pass = (isSaveState() && executionContext.containsKey(getExecutionContextKey(PASS)))
				? Integer.parseInt(executionContext.getString(getExecutionContextKey(PASS))) : 0;
		this.runStartedAt = (isSaveState() && executionContext.containsKey(getExecutionContextKey(RUN_STARTED_AT)))
				? OffsetDateTime.ofInstant(Instant.parse(executionContext.getString(getExecutionContextKey(RUN_STARTED_AT))),
						ZoneOffset.UTC)
				: OffsetDateTime.now(ZoneOffset.UTC);
		this.page.clear();
		this.window.clear();
		this.lastWindow = false;
		this.windowAfter = this.lastId;
		this.exhausted = false;
		super.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		if (isSaveState()) {
			if (this.lastId != null) {
				executionContext.putString(getExecutionContextKey(LAST_ID), this.lastId.toString());
			}
			else {
				executionContext.remove(getExecutionContextKey(LAST_ID));
			}
			executionContext.putString(getExecutionContextKey(PASS), Integer.toString(this.pass));
			executionContext.putString(getExecutionContextKey(RUN_STARTED_AT), this.runStartedAt.toInstant().toString());
		}
	}

	@Override
	protected void doOpen() {
	}

	@Override
	protected T doRead() {
		while (this.page.isEmpty() && !(this.exhausted && this.pass == this.pageQueries.size() - 1)) {
			if (this.exhausted) {
				this.pass++;
				this.lastId = null;
				this.windowAfter = null;
				this.lastWindow = false;
				this.exhausted = false;
			}
			readPage();
		}
		T item = this.page.poll();
		if (item != null) {
			this.lastId = this.idOf.apply(item);
		}
		return item;
	}

	/** The position is the last id, restored in {@link #open}: nothing to skip by count. */
	@Override
	protected void jumpToItem(int itemIndex) {
	}

	@Override
	protected void doClose() {
		this.page.clear();
		this.window.clear();
	}

	/** Reads the rows of the window's next ids, reading the next window first if it is used up. */
	private void readPage() {
		Map<String, Object> values = new LinkedHashMap<>(this.parameters);
		values.put(FailedAttemptBackoff.RUN_STARTED_AT, this.runStartedAt);
		if (this.window.isEmpty() && !this.lastWindow) {
			readWindow(values);
		}
		List<UUID> ids = new ArrayList<>(Math.min(this.pageSize, this.window.size()));
		while (ids.size() < this.pageSize && !this.window.isEmpty()) {
			ids.add(this.window.poll());
		}
		if (!ids.isEmpty()) {
			values.put("pageIds", ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
			this.page.addAll(this.jdbc.query(this.pageQueries.get(this.pass), values, this.rowMapper));
		}
		this.exhausted = this.window.isEmpty() && this.lastWindow;
	}

	private void readWindow(Map<String, Object> values) {
		String query = this.firstWindowQueries.get(this.pass);
		if (this.windowAfter != null) {
			values.put("keysetLastId", this.windowAfter);
			query = this.nextWindowQueries.get(this.pass);
		}
		List<UUID> ids = this.jdbc.queryForList(query, values, UUID.class);
		this.window.addAll(ids);
		this.lastWindow = ids.size() < this.idWindow;
		if (!ids.isEmpty()) {
			this.windowAfter = ids.get(ids.size() - 1);
		}
	}

	private UUID restartPoint(ExecutionContext context) {
		if (!isSaveState()) {
			return null;
		}
		String lastId = context.containsKey(getExecutionContextKey(LAST_ID))
				? context.getString(getExecutionContextKey(LAST_ID)) : null;
		if (lastId != null) {
			return UUID.fromString(lastId);
		}
		// An execution of the previous release kept the id ending the last full page it had read:
		// scenes after it may be read again (their writes are idempotent), none is skipped.
		Object startAfter = context.get(getExecutionContextKey(PAGING_START_AFTER));
		if (startAfter instanceof Map<?, ?> keys && keys.get("id") != null) {
			return UUID.fromString(String.valueOf(keys.get("id")));
		}
		return null;
	}

}

package com.heimdex.embeddings.reprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.RunCounters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The run's first step: counts the videos in scope ("Found N videos"), those in {@code PROCESSING}
 * (skipped, never touched) and those not at the current spec; with {@code maxVideos}, fixes the last
 * video the run takes (in the job's execution context, so that a resumed run takes the same videos).
 */
class ReprocessScopeTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(ReprocessScopeTasklet.class);

	static final String STEP = "scope";

	static final String VIDEOS_IN_SCOPE = "videosInScope";

	static final String VIDEOS_PROCESSING = "videosProcessing";

	static final String VIDEOS_STALE = "videosStale";

	private static final int LISTED_SKIPPED = 10;

	private final NamedParameterJdbcTemplate jdbc;

	private final ReprocessParameters parameters;

	private final String specFingerprint;

	ReprocessScopeTasklet(NamedParameterJdbcTemplate jdbc, ReprocessParameters parameters, String specFingerprint) {
		this.jdbc = jdbc;
		this.parameters = parameters;
		this.specFingerprint = specFingerprint;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		VideoScope scope = this.parameters.videoScope(null);
		Map<String, Object> values = new LinkedHashMap<>(scope.parameters());
		values.put("specFingerprint", this.specFingerprint);
		String inScope = "FROM videos v WHERE " + scope.videosInScope();
		long total = count("SELECT count(*) " + inScope, values);
		List<UUID> processing = this.jdbc.queryForList("SELECT v.id " + inScope
				+ " AND v.status = 'PROCESSING' ORDER BY v.id", values, UUID.class);
		String stale = "FROM videos v WHERE " + scope.videosToProcess() + (this.parameters.force() ? ""
				: " AND (v.embedding_spec_fingerprint IS DISTINCT FROM :specFingerprint OR EXISTS (SELECT 1 FROM"
						+ " video_scenes s WHERE s.video_id = v.id AND s.embedding_spec_fingerprint IS DISTINCT FROM"
						+ " :specFingerprint))");
		long staleCount = count("SELECT count(*) " + stale, values);
		if (this.parameters.maxVideos() != null && staleCount > this.parameters.maxVideos()) {
			values.put("offset", this.parameters.maxVideos() - 1);
			UUID last = this.jdbc.queryForObject("SELECT v.id " + stale + " ORDER BY v.id OFFSET :offset LIMIT 1", values,
					UUID.class);
			chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
				.putString(ReprocessParameters.LAST_VIDEO_ID, last.toString());
			logger.info("maxVideos=" + this.parameters.maxVideos() + ": this run takes the videos up to " + last);
		}
		RunCounters counters = ReprocessStepReport.counters(chunkContext.getStepContext().getStepExecution(), STEP);
		counters.add(VIDEOS_IN_SCOPE, total - processing.size());
		counters.add(VIDEOS_PROCESSING, processing.size());
		counters.add(VIDEOS_STALE, Math.min(staleCount,
				(this.parameters.maxVideos() != null) ? this.parameters.maxVideos() : Long.MAX_VALUE));
		logger.info("Found " + (total - processing.size()) + " videos (" + counters.total(VIDEOS_STALE)
				+ " not at the current spec" + (this.parameters.force() ? ", all redone: force" : "") + "); skipped "
				+ processing.size() + " in PROCESSING");
		processing.stream().limit(LISTED_SKIPPED).forEach((id) -> logger.info("Skipping video " + id + " (PROCESSING)"));
		return RepeatStatus.FINISHED;
	}

	private long count(String sql, Map<String, Object> values) {
		Long count = this.jdbc.queryForObject(sql, values, Long.class);
		return (count != null) ? count : 0;
	}

}

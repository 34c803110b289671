package com.heimdex.embeddings.reprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.RunCounters;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The last step's writer: for a chunk of videos, records the spec's version and fingerprint on
 * every scene that is current in every enabled scene step, then on every video whose scenes all
 * are. A video with a stale scene (one that failed) keeps its old version and is read again by the
 * next run.
 */
class SpecMarkWriter implements ItemWriter<UUID>, StepExecutionListener {

	static final String STEP = "markCurrent";

	static final String VIDEOS_CURRENT = "videosCurrent";

	static final String VIDEOS_STALE = "videosStale";

	static final String SCENES_CURRENT = "scenesCurrent";

	private final NamedParameterJdbcTemplate jdbc;

	private final String sceneCurrent;

	private final Map<String, Object> parameters;

	private final boolean dryRun;

	private StepExecution stepExecution;

	/**
	 * @param sceneCurrent condition on {@code video_scenes} that a scene is current in every enabled scene step
	 * @param parameters its named parameters
	 */
	SpecMarkWriter(NamedParameterJdbcTemplate jdbc, String sceneCurrent, Map<String, Object> parameters,
			String version, String fingerprint, boolean dryRun) {
		this.jdbc = jdbc;
		this.sceneCurrent = sceneCurrent;
		this.parameters = new LinkedHashMap<>(parameters);
		this.parameters.put("specVersion", version);
		this.parameters.put("specFingerprint", fingerprint);
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends UUID> chunk) {
		RunCounters counters = ReprocessStepReport.counters(this.stepExecution, STEP);
		counters.add(ReprocessStepReport.PROCESSED, chunk.size());
		if (this.dryRun) {
			return;
		}
		Map<String, Object> values = new LinkedHashMap<>(this.parameters);
		values.put("videoIds", List.copyOf(chunk.getItems()));
		int scenes = this.jdbc.update("""
				UPDATE video_scenes SET embedding_spec_version = :specVersion, embedding_spec_fingerprint = :specFingerprint
				WHERE video_id IN (:videoIds) AND embedding_spec_fingerprint IS DISTINCT FROM :specFingerprint
				  AND %s""".formatted(this.sceneCurrent), values);
		int videos = this.jdbc.update("""
				UPDATE videos v SET embedding_spec_version = :specVersion, embedding_spec_fingerprint = :specFingerprint
				WHERE v.id IN (:videoIds) AND NOT EXISTS (
				  SELECT 1 FROM video_scenes WHERE video_id = v.id
				    AND (embedding_spec_fingerprint IS DISTINCT FROM :specFingerprint OR NOT (%s)))"""
			.formatted(this.sceneCurrent), values);
		counters.add(SCENES_CURRENT, scenes);
		counters.add(VIDEOS_CURRENT, videos);
		counters.add(VIDEOS_STALE, chunk.size() - videos);
	}

}

package com.heimdex.embeddings.scene;

import static com.heimdex.embeddings.batch.JobParameterValues.uuid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.JobOption;
import com.heimdex.embeddings.batch.OptionType;
import com.heimdex.embeddings.batch.PartitionOptions;

/**
 * Which scenes a scene job works on, the options every scene job takes alike: a video, an owner,
 * (for jobs that track changes) scenes updated since a time, at most so many scenes, and this
 * process's partition.
 *
 * @param videoId only this video's scenes, or {@code null}
 * @param userId only this owner's scenes, or {@code null}
 * @param since only scenes updated at or after this instant, or {@code null}
 * @param maxScenes stop after this many scenes, or {@code null} for all
 * @param partition this process's slice of the scenes
 */
public record SceneScope(UUID videoId, UUID userId, Instant since, Long maxScenes, ScenePartition partition) {

	public static final String VIDEO_ID = "videoId";

	public static final String USER_ID = "userId";

	public static final String SINCE = "since";

	public static final String MAX_SCENES = "maxScenes";

	/** The filter options: {@code videoId}, {@code userId}, {@code since} when the job takes it. */
	public static List<JobOption> filterOptions(boolean withSince) {
		List<JobOption> options = new ArrayList<>(List.of(
				JobOption.scope(VIDEO_ID, OptionType.UUID_VALUE, null, "only this video's scenes"),
				JobOption.scope(USER_ID, OptionType.UUID_VALUE, null, "only this owner's scenes")));
		if (withSince) {
			options.add(JobOption.scope(SINCE, OptionType.TIMESTAMP, null,
					"only scenes updated at or after this time (updated_at)"));
		}
		return options;
	}

	/** {@code maxScenes}. */
	public static JobOption maxScenesOption() {
		return JobOption.scope(MAX_SCENES, OptionType.POSITIVE_INTEGER, null,
				"stop after this many scenes (unlimited when unset)");
	}

	/** The scope of a job-scoped step's {@code #{jobParameters}}. */
	public static SceneScope from(Map<String, Object> parameters) {
		Object since = parameters.get(SINCE);
		return new SceneScope(uuid(parameters, VIDEO_ID), uuid(parameters, USER_ID),
				(since != null) ? Instant.parse(since.toString()) : null, (Long) parameters.get(MAX_SCENES),
				new ScenePartition(PartitionOptions.partition(parameters), PartitionOptions.partitions(parameters)));
	}

	/**
	 * Scenes this execution will take: the pending ones, up to what {@code maxScenes} leaves after
	 * the scenes the job instance's earlier executions did.
	 */
	public long toDo(long pending, long doneBefore) {
		return (this.maxScenes != null) ? Math.max(0, Math.min(pending, this.maxScenes - doneBefore)) : pending;
	}

	/** {@code maxScenes} in words. */
	public String maxScenesText() {
		return (this.maxScenes != null) ? this.maxScenes.toString() : "unlimited";
	}

}

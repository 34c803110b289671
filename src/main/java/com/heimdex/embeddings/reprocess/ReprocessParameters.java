package com.heimdex.embeddings.reprocess;

import static com.heimdex.embeddings.batch.JobParameterValues.flag;
import static com.heimdex.embeddings.batch.JobParameterValues.uuid;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.scene.ScenePartition;

/**
 * The job parameters of {@code reprocess}, typed (seeds/004's options, same meanings). Every step
 * of the job reads them, a step built elsewhere (the lexical index) included.
 *
 * @param scope {@code video}, {@code owner} or {@code all}
 * @param videoId the video of scope {@code video}
 * @param ownerId the owner of scope {@code owner}
 * @param since only videos updated at or after this instant, or {@code null}
 * @param force redo even what is current
 * @param dryRun report what would be done, write nothing
 * @param steps the steps asked for, or {@code null} for every enabled step
 * @param maxVideos at most this many stale videos, or {@code null}
 * @param partition this process's slice of the videos and persons
 * @param batchSize items per chunk
 */
public record ReprocessParameters(String scope, UUID videoId, UUID ownerId, Instant since, boolean force,
		boolean dryRun, Set<String> steps, Long maxVideos, ScenePartition partition, int batchSize) {

	public static final String SCOPE = "scope";

	public static final String VIDEO_ID = "videoId";

	public static final String OWNER_ID = "ownerId";

	public static final String SINCE = "since";

	public static final String FORCE = "force";

	public static final String DRY_RUN = "dryRun";

	public static final String STEPS = "steps";

	public static final String MAX_VIDEOS = "maxVideos";

	public static final String BATCH_SIZE = "batchSize";

	/** Key in the job's execution context of the last video id a {@code maxVideos} run takes. */
	public static final String LAST_VIDEO_ID = "reprocess.lastVideoId";

	public static ReprocessParameters from(Map<String, Object> parameters) {
		Object since = parameters.get(SINCE);
		Object steps = parameters.get(STEPS);
		return new ReprocessParameters(String.valueOf(parameters.get(SCOPE)), uuid(parameters, VIDEO_ID),
				uuid(parameters, OWNER_ID), (since != null) ? Instant.parse(since.toString()) : null,
				flag(parameters, FORCE), flag(parameters, DRY_RUN),
				(steps != null) ? new LinkedHashSet<>(Arrays.asList(steps.toString().split(","))) : null,
				(Long) parameters.get(MAX_VIDEOS),
				new ScenePartition(PartitionOptions.partition(parameters), PartitionOptions.partitions(parameters)),
				((Number) parameters.get(BATCH_SIZE)).intValue());
	}

	/** Whether the run was asked for this step (every step when {@code steps} is not given). */
	public boolean asked(String step) {
		return this.steps == null || this.steps.contains(step);
	}

	/** The videos and persons the run covers, narrowed to {@code lastVideoId} when {@code maxVideos} cut it. */
	public VideoScope videoScope(String lastVideoId) {
		return new VideoScope(this.videoId, this.ownerId, this.since,
				(lastVideoId != null && !lastVideoId.isEmpty()) ? UUID.fromString(lastVideoId) : null, this.partition);
	}

	/** The scope in words, as seeds/004's log line gives it. */
	public String describeScope() {
		return this.scope + ((this.videoId != null) ? " " + this.videoId : "")
				+ ((this.ownerId != null) ? " " + this.ownerId : "")
				+ ((this.since != null) ? ", since " + this.since : "") + (this.force ? ", force" : "")
				+ ((this.maxVideos != null) ? ", maxVideos " + this.maxVideos : "")
				+ ((this.partition.count() > 1) ? ", partition " + this.partition : "");
	}

}

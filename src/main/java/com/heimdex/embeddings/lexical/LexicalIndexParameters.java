package com.heimdex.embeddings.lexical;

import static com.heimdex.embeddings.batch.JobParameterValues.flag;
import static com.heimdex.embeddings.batch.JobParameterValues.uuid;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.PartitionOptions;
import com.heimdex.embeddings.scene.ScenePartition;

/**
 * The job parameters the lexical index step reads (names shared with the reprocess job).
 *
 * @param scope {@code video}, {@code owner} or {@code all}
 * @param videoId the video of {@code scope=video}
 * @param ownerId the owner of {@code scope=owner}
 * @param since only videos updated at or after this instant, or {@code null}
 * @param force rewrite every document in scope, changed or not
 * @param dryRun count what would be written and removed; write nothing
 * @param selected whether the run's {@code steps} include this step (absent: all steps)
 * @param partition this process's slice of the scenes
 * @param batchSize scenes per chunk
 */
record LexicalIndexParameters(String scope, UUID videoId, UUID ownerId, Instant since, boolean force, boolean dryRun,
		boolean selected, ScenePartition partition, int batchSize) {

	static final String STEP_KEY = "lexicalIndex";

	static LexicalIndexParameters from(Map<String, Object> parameters) {
		Object since = parameters.get("since");
		Object steps = parameters.get("steps");
		boolean selected = steps == null
				|| Arrays.stream(steps.toString().split(",")).map(String::trim).anyMatch(STEP_KEY::equals);
		Object batchSize = parameters.get("batchSize");
		return new LexicalIndexParameters(String.valueOf(parameters.getOrDefault("scope", "all")),
				uuid(parameters, "videoId"), uuid(parameters, "ownerId"),
				(since != null) ? Instant.parse(since.toString()) : null, flag(parameters, "force"),
				flag(parameters, "dryRun"), selected,
				new ScenePartition(PartitionOptions.partition(parameters), PartitionOptions.partitions(parameters)),
				(batchSize != null) ? ((Number) batchSize).intValue() : 500);
	}

	/**
	 * Whether the run covers every scene, so that a forced run may build a new index and move the
	 * alias to it (a narrower forced run rewrites its documents in place).
	 */
	boolean coversEverything() {
		return this.selected && "all".equals(this.scope) && this.since == null && this.partition.count() == 1;
	}

	/** The scope in words. */
	String describe() {
		return switch (this.scope) {
			case "video" -> "video " + this.videoId;
			case "owner" -> "owner " + this.ownerId;
			default -> "all";
		} + ((this.since != null) ? ", videos updated since " + this.since : "")
				+ ((this.partition.count() > 1) ? ", partition " + this.partition : "")
				+ (this.force ? ", force" : "") + (this.dryRun ? ", dry run" : "");
	}

}

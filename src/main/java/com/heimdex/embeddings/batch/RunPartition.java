package com.heimdex.embeddings.batch;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * A launch's slice of the scenes, as its {@code partition}/{@code partitions} job parameters give
 * it: what its run lock covers. Two launches overlap when they run the same partition, or
 * partitions of different counts (the nightly {@code partitions=1} and a scale-out
 * {@code partitions=3}); the partitions of one count run side by side.
 *
 * @param partition from 0
 * @param partitions how many, at least 1
 * @param declared whether the job takes partitions at all
 */
record RunPartition(long partition, long partitions, boolean declared) {

	static RunPartition of(JobParameters parameters) {
		JobParameter<?> partition = parameters.getParameter(PartitionOptions.PARTITION);
		JobParameter<?> partitions = parameters.getParameter(PartitionOptions.PARTITIONS);
		return new RunPartition((partition != null) ? ((Number) partition.value()).longValue() : 0,
				(partitions != null) ? ((Number) partitions.value()).longValue() : 1,
				partition != null && partitions != null);
	}

	/** The name of a job's partition (its run lock's, in messages). */
	static String lockName(String jobName, JobParameters parameters) {
		RunPartition partition = of(parameters);
		return partition.declared() ? jobName + "#" + partition.describe() : jobName;
	}

	boolean overlaps(RunPartition other) {
		return this.partition == other.partition || this.partitions != other.partitions;
	}

	/** {@code partition/partitions}, or {@code all} for a job without partitions. */
	String describe() {
		return this.declared ? this.partition + "/" + this.partitions : "all";
	}

}

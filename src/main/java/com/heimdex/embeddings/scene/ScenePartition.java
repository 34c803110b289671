package com.heimdex.embeddings.scene;

/**
 * One of {@code count} disjoint slices of the scenes, by a hash of the scene id, so that several
 * processes (an Indexed Job) can share a run without ever taking the same scene.
 *
 * @param index this slice, from 0 to {@code count - 1}
 * @param count how many slices
 */
public record ScenePartition(int index, int count) {

	/** Every scene: one slice. */
	public static final ScenePartition ALL = new ScenePartition(0, 1);

	public ScenePartition {
		if (count < 1 || index < 0 || index >= count) {
			throw new IllegalArgumentException("partition must be between 0 and partitions - 1 (partition=" + index
					+ ", partitions=" + count + ")");
		}
	}

	/** SQL condition on {@code id} selecting this slice, or {@code null} for all scenes. */
	public String condition() {
		return (this.count == 1) ? null
				: "mod(abs(hashtext(id::text)::bigint), " + this.count + ") = " + this.index;
	}

	@Override
	public String toString() {
		return (this.count == 1) ? "all" : this.index + " of " + this.count;
	}

}

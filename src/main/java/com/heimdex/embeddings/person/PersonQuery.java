package com.heimdex.embeddings.person;

import java.util.List;

/**
 * A person's query embedding: the L2-normalised mean of its READY photos' vectors, each
 * L2-normalised first (so that no photo weighs more for its norm); none without a photo.
 */
public final class PersonQuery {

	private PersonQuery() {
	}

	/** @return the query vector, or {@code null} when there is no vector or the mean is zero */
	public static float[] of(List<float[]> photoVectors) {
		if (photoVectors.isEmpty()) {
			return null;
		}
		int dimensions = photoVectors.get(0).length;
		double[] sum = new double[dimensions];
		for (float[] vector : photoVectors) {
			if (vector.length != dimensions) {
				throw new IllegalArgumentException("photo vectors differ in length: " + dimensions + " and " + vector.length);
			}
			double norm = norm(vector);
			if (norm == 0) {
				continue;
			}
			for (int i = 0; i < dimensions; i++) {
				sum[i] += vector[i] / norm;
			}
		}
		double norm = 0;
		for (double value : sum) {
			norm += value * value;
		}
		norm = Math.sqrt(norm);
		if (norm == 0) {
			return null;
		}
		float[] query = new float[dimensions];
		for (int i = 0; i < dimensions; i++) {
			query[i] = (float) (sum[i] / norm);
		}
		return query;
	}

	private static double norm(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += (double) value * value;
		}
		return Math.sqrt(sum);
	}

}

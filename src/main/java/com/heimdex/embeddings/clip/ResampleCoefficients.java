package com.heimdex.embeddings.clip;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fixed-point filter taps for resampling one axis from {@code inSize} to {@code outSize} samples,
 * computed exactly as Pillow's {@code precompute_coeffs} and {@code normalize_coeffs_8bpc} do for
 * {@code Image.BICUBIC} (a = -0.5): the support widens by the scale factor when downscaling
 * (antialiasing), the taps of each output sample are normalised to sum to one and then rounded to
 * {@link #PRECISION_BITS} fractional bits. Output sample {@code o} reads input samples
 * {@code first(o) .. first(o) + count(o) - 1} with weights {@code weight(o, 0 .. count(o) - 1)}.
 * Taps may be computed for a window of the output samples only (those a centre crop keeps), so
 * that the work and memory follow the output's size, not the input's or the resized image's.
 * Instances are immutable and shared through a small cache keyed by the sizes and the window.
 */
final class ResampleCoefficients {

	/** Pillow's 8-bit path: 8 bits for the result, 2 for overflow of negative lobes. */
	static final int PRECISION_BITS = 32 - 8 - 2;

	/** Added to each sum before the shift, so the shift rounds half up. */
	static final int ROUNDING = 1 << (PRECISION_BITS - 1);

	private static final double BICUBIC_SUPPORT = 2.0;

	private static final int CACHE_LIMIT = 256;

	private static final ConcurrentMap<Key, ResampleCoefficients> CACHE = new ConcurrentHashMap<>();

	private final int taps;

	/** The first output sample of the window the taps are for. */
	private final int firstOut;

	private final int[] first;

	private final int[] count;

	private final int[] weights;

	private ResampleCoefficients(int taps, int firstOut, int[] first, int[] count, int[] weights) {
		this.taps = taps;
		this.firstOut = firstOut;
		this.first = first;
		this.count = count;
		this.weights = weights;
	}

	/**
	 * Taps from {@code inSize} to {@code outSize} samples, both positive: bicubic, or one tap of
	 * weight one when the sizes are equal since Pillow does not resample such an axis.
	 */
	static ResampleCoefficients forSizes(int inSize, int outSize) {
		return forSizes(inSize, outSize, 0, outSize);
	}

	/**
	 * Taps from {@code inSize} to {@code outSize} samples for the output samples
	 * {@code firstOut .. firstOut + outCount - 1} only; the same taps as {@link #forSizes(int, int)}
	 * gives for them.
	 */
	static ResampleCoefficients forSizes(int inSize, int outSize, int firstOut, int outCount) {
		if (inSize <= 0 || outSize <= 0) {
			throw new IllegalArgumentException("sizes must be positive: " + inSize + " -> " + outSize);
		}
		if (firstOut < 0 || outCount <= 0 || firstOut > outSize - outCount) {
			throw new IllegalArgumentException("window " + firstOut + "+" + outCount + " outside " + outSize + " samples");
		}
		Key key = new Key(inSize, outSize, firstOut, outCount);
		ResampleCoefficients cached = CACHE.get(key);
		if (cached != null) {
			return cached;
		}
		if (CACHE.size() >= CACHE_LIMIT) {
			CACHE.clear();
		}
		ResampleCoefficients computed = (inSize == outSize) ? identity(firstOut, outCount)
				: bicubic(inSize, outSize, firstOut, outCount);
		CACHE.putIfAbsent(key, computed);
		return computed;
	}

	private static ResampleCoefficients identity(int firstOut, int outCount) {
		int[] first = new int[outCount];
		int[] count = new int[outCount];
		int[] weights = new int[outCount];
		for (int i = 0; i < outCount; i++) {
			first[i] = firstOut + i;
			count[i] = 1;
			weights[i] = 1 << PRECISION_BITS;
		}
		return new ResampleCoefficients(1, firstOut, first, count, weights);
	}

	/** Pillow's bicubic taps; sums of their products round to the 8-bit result via {@link #clip8}. */
	static ResampleCoefficients bicubic(int inSize, int outSize) {
		return bicubic(inSize, outSize, 0, outSize);
	}

	private static ResampleCoefficients bicubic(int inSize, int outSize, int firstOut, int outCount) {
		// Pillow passes the box edges as C floats, exact for sizes below 2^24.
		double scale = (double) inSize / outSize;
		double filterScale = Math.max(scale, 1.0);
		double support = BICUBIC_SUPPORT * filterScale;
		int taps = (int) Math.ceil(support) * 2 + 1;
		int[] first = new int[outCount];
		int[] count = new int[outCount];
		int[] weights = new int[outCount * taps];
		double[] k = new double[taps];
		double ss = 1.0 / filterScale;
		for (int out = firstOut; out < firstOut + outCount; out++) {
			int at = out - firstOut;
			double center = 0.0 + (out + 0.5) * scale;
			int xmin = Math.max((int) (center - support + 0.5), 0);
			int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
			double ww = 0.0;
			for (int x = 0; x < xmax; x++) {
				double w = bicubicFilter((x + xmin - center + 0.5) * ss);
				k[x] = w;
				ww += w;
			}
			for (int x = 0; x < xmax; x++) {
				double normalised = ww != 0.0 ? k[x] / ww : k[x];
				weights[at * taps + x] = toFixedPoint(normalised);
			}
			first[at] = xmin;
			count[at] = xmax;
		}
		return new ResampleCoefficients(taps, firstOut, first, count, weights);
	}

	private static double bicubicFilter(double x) {
		double a = -0.5;
		if (x < 0.0) {
			x = -x;
		}
		if (x < 1.0) {
			return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
		}
		if (x < 2.0) {
			return (((x - 5) * x + 8) * x - 4) * a;
		}
		return 0.0;
	}

	private static int toFixedPoint(double weight) {
		double scaled = weight * (1 << PRECISION_BITS);
		return (int) (weight < 0 ? -0.5 + scaled : 0.5 + scaled);
	}

	/** Turns a fixed-point sum into a byte value, clamped to 0..255 as Pillow's {@code clip8}. */
	static int clip8(int sum) {
		int value = sum >> PRECISION_BITS;
		return value < 0 ? 0 : Math.min(value, 255);
	}

	/** Largest number of taps any output sample uses; the stride of {@link #weights()}. */
	int taps() {
		return taps;
	}

	/** First input sample of output sample {@code out}. */
	int first(int out) {
		return first[out - firstOut];
	}

	/** Number of input samples output sample {@code out} reads. */
	int count(int out) {
		return count[out - firstOut];
	}

	/** All weights, {@link #taps()} per output sample of the window; shared, do not modify. */
	int[] weights() {
		return weights;
	}

	/** Index in {@link #weights()} of the first weight of output sample {@code out}. */
	int weightsOf(int out) {
		return (out - firstOut) * taps;
	}

	private record Key(int inSize, int outSize, int firstOut, int outCount) {
	}

}

package com.heimdex.embeddings.thumbnail;

/**
 * How an image is decoded, decided from its header: the subsampling that brings it within
 * {@code thumbnails.subsample-above-pixels}, the size of the decoded image, and the heap its
 * decoding and resampling take at most.
 *
 * @param subsampling 1 to decode every pixel, n to decode every n-th pixel of every n-th row
 * @param width width of the decoded image
 * @param height height of the decoded image
 * @param bytes heap the decoded image and the work on it may take
 */
record DecodePlan(int subsampling, int width, int height, long bytes) {

	/** Only 224x224 pixels are kept: subsampling never takes the short side below this. */
	static final int KEPT_SIZE = 224;

	/** Conversions to 8-bit RGB (palette, 16-bit, CMYK) copy the rows read as ints. */
	private static final int CONVERTED_BYTES_PER_PIXEL = 4;

	/**
	 * @param sourceWidth width as stored; {@code sourceHeight} likewise
	 * @param bytesPerPixel bytes a decoded pixel takes in the reader's image type
	 * @param subsample whether the reader decodes subsampled without holding the whole image
	 * @param decodesWhole whether the reader may hold the whole image at full size while decoding
	 * @param subsampleAbovePixels images of more pixels are subsampled
	 */
	static DecodePlan of(long sourceWidth, long sourceHeight, int bytesPerPixel, boolean subsample,
			boolean decodesWhole, long subsampleAbovePixels) {
		int subsampling = subsample ? subsampling(sourceWidth, sourceHeight, subsampleAbovePixels) : 1;
		long width = ceilDiv(sourceWidth, subsampling);
		long height = ceilDiv(sourceHeight, subsampling);
		long bytes = width * height * bytesPerPixel + resamplingBytes(width, height);
		if (decodesWhole) {
			bytes += sourceWidth * sourceHeight * CONVERTED_BYTES_PER_PIXEL;
		}
		return new DecodePlan(subsampling, (int) width, (int) height, bytes);
	}

	/**
	 * The smallest n that brings the decoded pixels within the limit, but never so large that the
	 * short side falls below {@link #KEPT_SIZE} (or 1 when it is below already).
	 */
	static int subsampling(long width, long height, long maxPixels) {
		if (width * height <= maxPixels) {
			return 1;
		}
		long largest = Math.max(1, Math.min(width, height) / KEPT_SIZE);
		long n = Math.max(1, (long) Math.floor(Math.sqrt((double) width * height / maxPixels)));
		while (n < largest && ceilDiv(width, n) * ceilDiv(height, n) > maxPixels) {
			n++;
		}
		return (int) Math.min(n, largest);
	}

	/**
	 * Working arrays of the Pillow-exact resampling (ints per channel): the rows read converted to
	 * RGB ints, the columns of a band of 128 rows and the rows after the horizontal pass. A centre crop after a shortest-side resize
	 * reads about the short side's length along each axis, plus the filter's reach.
	 */
	private static long resamplingBytes(long width, long height) {
		long shortSide = Math.min(width, height);
		long columns = Math.min(width, shortSide + shortSide / 16 + 16);
		long rows = Math.min(height, shortSide + shortSide / 16 + 16);
		return 3L * Integer.BYTES * (columns * 128 + rows * KEPT_SIZE) + width * rows * CONVERTED_BYTES_PER_PIXEL;
	}

	private static long ceilDiv(long value, long divisor) {
		return (value + divisor - 1) / divisor;
	}

}

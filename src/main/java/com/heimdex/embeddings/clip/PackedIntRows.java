package com.heimdex.embeddings.clip;

import static com.heimdex.embeddings.clip.ResampleCoefficients.ROUNDING;
import static com.heimdex.embeddings.clip.ResampleCoefficients.clip8;

/**
 * Rows of an image stored as one int per pixel with 8-bit channels (INT_RGB, INT_ARGB, INT_BGR,
 * or the ARGB ints {@code getRGB} returns).
 */
final class PackedIntRows implements RgbRows {

	private final int[] data;

	private final int origin;

	private final int rowStride;

	private final int redShift;

	private final int greenShift;

	private final int blueShift;

	/** @param origin index of pixel (0, 0) in {@code data} */
	PackedIntRows(int[] data, int origin, int rowStride, int redShift, int greenShift,
			int blueShift) {
		this.data = data;
		this.origin = origin;
		this.rowStride = rowStride;
		this.redShift = redShift;
		this.greenShift = greenShift;
		this.blueShift = blueShift;
	}

	@Override
	public void resampleRows(int firstRow, int rowCount, ResampleCoefficients horizontal,
			int firstColumn, int columns, byte[] planes) {
		int[] src = this.data;
		int rs = this.redShift;
		int gs = this.greenShift;
		int bs = this.blueShift;
		int[] weights = horizontal.weights();
		int taps = horizontal.taps();
		int planeSize = rowCount * columns;
		for (int row = 0; row < rowCount; row++) {
			int rowStart = this.origin + (firstRow + row) * this.rowStride;
			int rowOut = row * columns;
			for (int column = 0; column < columns; column++) {
				int out = firstColumn + column;
				int count = horizontal.count(out);
				int k = out * taps;
				int p = rowStart + horizontal.first(out);
				int sumR = ROUNDING;
				int sumG = ROUNDING;
				int sumB = ROUNDING;
				for (int tap = 0; tap < count; tap++) {
					int pixel = src[p + tap];
					int weight = weights[k + tap];
					sumR += ((pixel >>> rs) & 0xFF) * weight;
					sumG += ((pixel >>> gs) & 0xFF) * weight;
					sumB += ((pixel >>> bs) & 0xFF) * weight;
				}
				planes[rowOut + column] = (byte) clip8(sumR);
				planes[planeSize + rowOut + column] = (byte) clip8(sumG);
				planes[2 * planeSize + rowOut + column] = (byte) clip8(sumB);
			}
		}
	}

}

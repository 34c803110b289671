package com.heimdex.embeddings.clip;

/**
 * Samples of an image stored as one int per pixel with 8-bit channels (INT_RGB, INT_ARGB, INT_BGR,
 * or the ARGB ints {@code getRGB} returns).
 */
final class PackedIntSamples implements RgbSamples {

	private final int[] data;

	private final int origin;

	private final int rowStride;

	private final int redShift;

	private final int greenShift;

	private final int blueShift;

	/** @param origin index of pixel (0, 0) in {@code data} */
	PackedIntSamples(int[] data, int origin, int rowStride, int redShift, int greenShift, int blueShift) {
		this.data = data;
		this.origin = origin;
		this.rowStride = rowStride;
		this.redShift = redShift;
		this.greenShift = greenShift;
		this.blueShift = blueShift;
	}

	@Override
	public boolean isGray() {
		return false;
	}

	@Override
	public void copyColumns(int firstRow, int rowCount, int firstColumn, int columnCount, int[][] red, int[][] green,
			int[][] blue) {
		int[] src = this.data;
		int stride = this.rowStride;
		for (int column = 0; column < columnCount; column++) {
			int pixel = this.origin + firstRow * stride + firstColumn + column;
			int[] r = red[column];
			int[] g = green[column];
			int[] b = blue[column];
			for (int row = 0; row < rowCount; row++) {
				int value = src[pixel + row * stride];
				r[row] = (value >>> this.redShift) & 0xFF;
				g[row] = (value >>> this.greenShift) & 0xFF;
				b[row] = (value >>> this.blueShift) & 0xFF;
			}
		}
	}

}

package com.heimdex.embeddings.clip;

import static com.heimdex.embeddings.clip.ResampleCoefficients.ROUNDING;
import static com.heimdex.embeddings.clip.ResampleCoefficients.clip8;

/**
 * Rows of an image stored as 8-bit samples interleaved in one byte array (3BYTE_BGR, 4BYTE_ABGR,
 * BYTE_GRAY and other component rasters). A grayscale raster has the same offset for all three
 * channels and is resampled once, then copied to the three planes.
 */
final class InterleavedByteRows implements RgbRows {

	private final byte[] data;

	private final int origin;

	private final int rowStride;

	private final int pixelStride;

	private final int red;

	private final int green;

	private final int blue;

	/**
	 * @param origin index of pixel (0, 0) in {@code data}, before adding a band offset
	 * @param red offset of the red sample within a pixel; {@code green} and {@code blue} likewise
	 */
	InterleavedByteRows(byte[] data, int origin, int rowStride, int pixelStride, int red, int green,
			int blue) {
		this.data = data;
		this.origin = origin;
		this.rowStride = rowStride;
		this.pixelStride = pixelStride;
		this.red = red;
		this.green = green;
		this.blue = blue;
	}

	@Override
	public void resampleRows(int firstRow, int rowCount, ResampleCoefficients horizontal,
			int firstColumn, int columns, byte[] planes) {
		if (red == green && green == blue) {
			resampleGray(firstRow, rowCount, horizontal, firstColumn, columns, planes);
		}
		else {
			resampleColour(firstRow, rowCount, horizontal, firstColumn, columns, planes);
		}
	}

	private void resampleColour(int firstRow, int rowCount, ResampleCoefficients horizontal,
			int firstColumn, int columns, byte[] planes) {
		byte[] src = this.data;
		int step = this.pixelStride;
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
				int p = rowStart + horizontal.first(out) * step;
				int r = p + this.red;
				int g = p + this.green;
				int b = p + this.blue;
				int sumR = ROUNDING;
				int sumG = ROUNDING;
				int sumB = ROUNDING;
				for (int tap = 0; tap < count; tap++) {
					int weight = weights[k + tap];
					int shift = tap * step;
					sumR += (src[r + shift] & 0xFF) * weight;
					sumG += (src[g + shift] & 0xFF) * weight;
					sumB += (src[b + shift] & 0xFF) * weight;
				}
				planes[rowOut + column] = (byte) clip8(sumR);
				planes[planeSize + rowOut + column] = (byte) clip8(sumG);
				planes[2 * planeSize + rowOut + column] = (byte) clip8(sumB);
			}
		}
	}

	private void resampleGray(int firstRow, int rowCount, ResampleCoefficients horizontal,
			int firstColumn, int columns, byte[] planes) {
		byte[] src = this.data;
		int step = this.pixelStride;
		int[] weights = horizontal.weights();
		int taps = horizontal.taps();
		int planeSize = rowCount * columns;
		for (int row = 0; row < rowCount; row++) {
			int rowStart = this.origin + (firstRow + row) * this.rowStride + this.red;
			int rowOut = row * columns;
			for (int column = 0; column < columns; column++) {
				int out = firstColumn + column;
				int count = horizontal.count(out);
				int k = out * taps;
				int p = rowStart + horizontal.first(out) * step;
				int sum = ROUNDING;
				for (int tap = 0; tap < count; tap++) {
					sum += (src[p + tap * step] & 0xFF) * weights[k + tap];
				}
				planes[rowOut + column] = (byte) clip8(sum);
			}
		}
		System.arraycopy(planes, 0, planes, planeSize, planeSize);
		System.arraycopy(planes, 0, planes, 2 * planeSize, planeSize);
	}

}

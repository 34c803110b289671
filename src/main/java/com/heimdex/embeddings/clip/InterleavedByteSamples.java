package com.heimdex.embeddings.clip;

/**
 * Samples of an image stored as 8-bit values interleaved in one byte array (3BYTE_BGR,
 * 4BYTE_ABGR, BYTE_GRAY and other component rasters). A grayscale raster has the same offset for
 * all three channels.
 */
final class InterleavedByteSamples implements RgbSamples {

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
	InterleavedByteSamples(byte[] data, int origin, int rowStride, int pixelStride, int red, int green, int blue) {
		this.data = data;
		this.origin = origin;
		this.rowStride = rowStride;
		this.pixelStride = pixelStride;
		this.red = red;
		this.green = green;
		this.blue = blue;
	}

	@Override
	public boolean isGray() {
		return this.red == this.green && this.green == this.blue;
	}

	@Override
	public void copyColumns(int firstRow, int rowCount, int firstColumn, int columnCount, int[][] red, int[][] green,
			int[][] blue) {
		byte[] src = this.data;
		int stride = this.rowStride;
		boolean gray = isGray();
		// Column by column: the rows' cache lines stay loaded while the next columns are read.
		for (int column = 0; column < columnCount; column++) {
			int pixel = this.origin + firstRow * stride + (firstColumn + column) * this.pixelStride;
			int[] r = red[column];
			if (gray) {
				for (int row = 0; row < rowCount; row++) {
					r[row] = src[pixel + row * stride + this.red] & 0xFF;
				}
				continue;
			}
			int[] g = green[column];
			int[] b = blue[column];
			for (int row = 0; row < rowCount; row++) {
				int at = pixel + row * stride;
				r[row] = src[at + this.red] & 0xFF;
				g[row] = src[at + this.green] & 0xFF;
				b[row] = src[at + this.blue] & 0xFF;
			}
		}
	}

}

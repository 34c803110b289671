package com.heimdex.embeddings.clip;

import static com.heimdex.embeddings.clip.ResampleCoefficients.ROUNDING;
import static com.heimdex.embeddings.clip.ResampleCoefficients.clip8;

import java.util.Arrays;
import java.util.function.Consumer;

import com.heimdex.embeddings.clip.ClipImagePreprocessor.CropAxis;

/**
 * Pillow's two bicubic passes (horizontal, rounded to 8 bits, then vertical) over the pixels a
 * centre crop keeps, into the crop's 8-bit planes.
 * <p>
 * Both passes are laid out so that their innermost loop multiplies and adds int arrays at the same
 * index, the shape the JIT compiles to SIMD instructions: the horizontal pass works on columns
 * (copied out of the image a band of rows at a time) and sums along them, its results land in
 * rows, and the vertical pass sums those rows. Integer arithmetic, so the result does not depend
 * on the order: it is Pillow's, to the bit.
 */
final class CropResampler {

	/**
	 * Image rows whose columns are copied out and resampled at a time: long enough for the SIMD
	 * loops to run at speed, short enough for the columns to stay in the core's cache.
	 */
	static final int BAND_ROWS = 128;

	private final ResampleCoefficients horizontal;

	private final CropAxis columns;

	private final ResampleCoefficients vertical;

	private final CropAxis rows;

	/**
	 * @param horizontal taps from the image's width to the resized width, whose output columns
	 * {@code columns} keeps; {@code vertical} and {@code rows} likewise for the height
	 */
	CropResampler(ResampleCoefficients horizontal, CropAxis columns, ResampleCoefficients vertical, CropAxis rows) {
		this.horizontal = horizontal;
		this.columns = columns;
		this.vertical = vertical;
		this.rows = rows;
	}

	/** First image row a kept output row reads. */
	int firstRow() {
		return this.vertical.first(this.rows.first());
	}

	/** Number of image rows the kept output rows read, from {@link #firstRow()} on. */
	int rowCount() {
		return end(this.vertical, this.rows) - firstRow();
	}

	/**
	 * Resamples {@code samples} (of an image whose rows {@link #firstRow()} ..
	 * {@link #firstRow()} + {@link #rowCount()} - 1 it can read) into {@code levels}: planes R, G, B
	 * of {@code size x size} bytes, each kept output pixel at its place after the crop's padding.
	 */
	void resample(RgbSamples samples, Buffers buffers, byte[] levels, int size) {
		int channels = samples.isGray() ? 1 : 3;
		int[][][] resizedRows = resampleHorizontally(samples, channels, buffers);
		resampleVertically(resizedRows, channels, levels, size);
		if (channels == 1) {
			int plane = size * size;
			System.arraycopy(levels, 0, levels, plane, plane);
			System.arraycopy(levels, 0, levels, 2 * plane, plane);
		}
	}

	/** The first pass: per channel, each image row read with the kept output columns, as levels. */
	private int[][][] resampleHorizontally(RgbSamples samples, int channels, Buffers buffers) {
		int firstRow = firstRow();
		int rowCount = rowCount();
		int firstColumn = this.horizontal.first(this.columns.first());
		int columnCount = end(this.horizontal, this.columns) - firstColumn;
		int band = Math.min(BAND_ROWS, rowCount);
		int[][][] bandColumns = buffers.bandColumns(channels, columnCount, band);
		int[][][] resizedRows = buffers.resizedRows(channels, rowCount, this.columns.count());
		int[][] red = bandColumns[0];
		int[][] green = bandColumns[(channels == 3) ? 1 : 0];
		int[][] blue = bandColumns[(channels == 3) ? 2 : 0];
		int[] sums = new int[band];
		int[] weights = this.horizontal.weights();
		for (int bandStart = 0; bandStart < rowCount; bandStart += band) {
			int bandRows = Math.min(band, rowCount - bandStart);
			samples.copyColumns(firstRow + bandStart, bandRows, firstColumn, columnCount, red, green, blue);
			for (int channel = 0; channel < channels; channel++) {
				int[][] sourceColumns = bandColumns[channel];
				int[][] target = resizedRows[channel];
				for (int column = 0; column < this.columns.count(); column++) {
					int out = this.columns.first() + column;
					int first = this.horizontal.first(out) - firstColumn;
					int at = this.horizontal.weightsOf(out);
					Arrays.fill(sums, 0, bandRows, ROUNDING);
					for (int tap = 0; tap < this.horizontal.count(out); tap++) {
						int weight = weights[at + tap];
						int[] source = sourceColumns[first + tap];
						for (int row = 0; row < bandRows; row++) {
							sums[row] += source[row] * weight;
						}
					}
					for (int row = 0; row < bandRows; row++) {
						target[bandStart + row][column] = clip8(sums[row]);
					}
				}
			}
		}
		return resizedRows;
	}

	/** The second pass, over the rows the first made, into the 8-bit planes. */
	private void resampleVertically(int[][][] resizedRows, int channels, byte[] levels, int size) {
		int firstRow = firstRow();
		int width = this.columns.count();
		int[] sums = new int[width];
		int[] weights = this.vertical.weights();
		for (int row = 0; row < this.rows.count(); row++) {
			int out = this.rows.first() + row;
			int first = this.vertical.first(out) - firstRow;
			int at = this.vertical.weightsOf(out);
			int destinationRow = (this.rows.padding() + row) * size + this.columns.padding();
			for (int channel = 0; channel < channels; channel++) {
				Arrays.fill(sums, ROUNDING);
				for (int tap = 0; tap < this.vertical.count(out); tap++) {
					int weight = weights[at + tap];
					int[] source = resizedRows[channel][first + tap];
					for (int x = 0; x < width; x++) {
						sums[x] += source[x] * weight;
					}
				}
				int destination = channel * size * size + destinationRow;
				for (int x = 0; x < width; x++) {
					levels[destination + x] = (byte) clip8(sums[x]);
				}
			}
		}
	}

	/** One past the last input sample the kept outputs of {@code axis} read. */
	private static int end(ResampleCoefficients coefficients, CropAxis axis) {
		int end = 0;
		for (int out = axis.first(); out < axis.first() + axis.count(); out++) {
			end = Math.max(end, coefficients.first(out) + coefficients.count(out));
		}
		return end;
	}

	/**
	 * Working arrays of one thread, kept from one image to the next of the same size (a run's
	 * thumbnails mostly are): about 1.5 MB for a 640x360 thumbnail, which would otherwise be
	 * garbage after every image. Arrays larger than {@link #KEPT_BYTES} (those of an image of more
	 * than about 1500 pixels on the short side) are not kept: kept by every thumbnail thread, they
	 * would hold heap that the decode budget does not count.
	 */
	static final class Buffers {

		static final long KEPT_BYTES = 4L << 20;

		private int[][][] bandColumns;

		private int[][][] resizedRows;

		int[][][] bandColumns(int channels, int columns, int rows) {
			if (!hasShape(this.bandColumns, channels, columns, rows)) {
				return keepIfSmall(new int[channels][columns][rows], (array) -> this.bandColumns = array);
			}
			return this.bandColumns;
		}

		int[][][] resizedRows(int channels, int rows, int columns) {
			if (!hasShape(this.resizedRows, channels, rows, columns)) {
				return keepIfSmall(new int[channels][rows][columns], (array) -> this.resizedRows = array);
			}
			return this.resizedRows;
		}

		private static boolean hasShape(int[][][] array, int first, int second, int third) {
			return array != null && array.length == first && array[0].length == second && array[0][0].length == third;
		}

		private static int[][][] keepIfSmall(int[][][] array, Consumer<int[][][]> keep) {
			if ((long) array.length * array[0].length * array[0][0].length * Integer.BYTES <= KEPT_BYTES) {
				keep.accept(array);
			}
			return array;
		}

	}

}

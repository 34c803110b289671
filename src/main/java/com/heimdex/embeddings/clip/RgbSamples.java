package com.heimdex.embeddings.clip;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Arrays;

/**
 * The 8-bit RGB samples of an image, read in place from its raster where the layout allows it and
 * copied out column by column, the layout {@link CropResampler}'s horizontal pass works on (and
 * the person detector's resize reads).
 * Colours are taken as stored, as Pillow's {@code convert("RGB")} does: alpha is ignored (not
 * composited), grayscale feeds all three channels, no colour management.
 */
public interface RgbSamples {

	/** True when the image has one channel, which stands for all three. */
	boolean isGray();

	/**
	 * Copies the samples of rows {@code firstRow .. firstRow + rowCount - 1} and columns
	 * {@code firstColumn .. firstColumn + columnCount - 1} as levels 0-255: column {@code c}'s
	 * samples go to {@code red[c][0 .. rowCount - 1]}, and likewise {@code green} and {@code blue}
	 * ({@code green} and {@code blue} are not used for a gray image).
	 */
	void copyColumns(int firstRow, int rowCount, int firstColumn, int columnCount, int[][] red, int[][] green,
			int[][] blue);

	/**
	 * Sample access for {@code image}. Rasters of 8-bit components (3BYTE_BGR, 4BYTE_ABGR, BYTE_GRAY
	 * and the like) and of 8-bit packed ints (INT_RGB, INT_ARGB, INT_BGR) are read in place; any
	 * other layout is converted by one {@code getRGB} call over the rows that will be read.
	 */
	static RgbSamples of(BufferedImage image, int firstRow, int rowCount) {
		Raster raster = image.getRaster();
		ColorModel colorModel = image.getColorModel();
		DataBuffer buffer = raster.getDataBuffer();
		SampleModel sampleModel = raster.getSampleModel();
		int translateX = raster.getSampleModelTranslateX();
		int translateY = raster.getSampleModelTranslateY();
		if (buffer instanceof DataBufferByte bytes && bytes.getNumBanks() == 1
				&& sampleModel instanceof ComponentSampleModel components
				&& colorModel instanceof ComponentColorModel && hasPlainEightBitColour(colorModel)
				&& Arrays.stream(components.getBankIndices()).allMatch(bank -> bank == 0)) {
			int[] bandOffsets = components.getBandOffsets();
			boolean gray = colorModel.getNumColorComponents() == 1;
			int origin = bytes.getOffset() - translateY * components.getScanlineStride()
					- translateX * components.getPixelStride();
			return new InterleavedByteSamples(bytes.getData(), origin, components.getScanlineStride(),
					components.getPixelStride(), bandOffsets[0], bandOffsets[gray ? 0 : 1], bandOffsets[gray ? 0 : 2]);
		}
		if (buffer instanceof DataBufferInt ints && ints.getNumBanks() == 1
				&& sampleModel instanceof SinglePixelPackedSampleModel packed
				&& colorModel instanceof DirectColorModel && hasPlainEightBitColour(colorModel)
				&& hasByteMasks(packed)) {
			int[] shifts = packed.getBitOffsets();
			int origin = ints.getOffset() - translateY * packed.getScanlineStride() - translateX;
			return new PackedIntSamples(ints.getData(), origin, packed.getScanlineStride(), shifts[0], shifts[1],
					shifts[2]);
		}
		int width = image.getWidth();
		int[] argb = image.getRGB(0, firstRow, width, rowCount, null, 0, width);
		return new PackedIntSamples(argb, -firstRow * width, width, 16, 8, 0);
	}

	private static boolean hasPlainEightBitColour(ColorModel colorModel) {
		int colourType = colorModel.getColorSpace().getType();
		boolean rgb = colourType == ColorSpace.TYPE_RGB && colorModel.getNumColorComponents() == 3;
		boolean gray = colourType == ColorSpace.TYPE_GRAY && colorModel.getNumColorComponents() == 1;
		return (rgb || gray) && !colorModel.isAlphaPremultiplied()
				&& Arrays.stream(colorModel.getComponentSize()).allMatch(bits -> bits == 8);
	}

	private static boolean hasByteMasks(SinglePixelPackedSampleModel packed) {
		int[] masks = packed.getBitMasks();
		int[] shifts = packed.getBitOffsets();
		if (masks.length < 3) {
			return false;
		}
		for (int band = 0; band < masks.length; band++) {
			if (masks[band] != 0xFF << shifts[band]) {
				return false;
			}
		}
		return true;
	}

}

package com.heimdex.embeddings.pipeline;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * A rectangle of an image in source pixels (a detector's bounding box), from its top-left corner.
 *
 * @param x left edge, from 0
 * @param y top edge, from 0
 * @param width at least 1
 * @param height at least 1
 */
public record CropBox(int x, int y, int width, int height) {

	public CropBox {
		if (x < 0 || y < 0 || width < 1 || height < 1) {
			throw new IllegalArgumentException("A crop box needs x, y >= 0 and width, height >= 1 but is " + x + ","
					+ y + " " + width + "x" + height);
		}
	}

	/**
	 * This box in the pixels of an image decoded subsampled (every {@code subsampling}-th pixel of
	 * every such row), covering at least the same part of the picture.
	 */
	public CropBox subsampled(int subsampling) {
		if (subsampling == 1) {
			return this;
		}
		int left = this.x / subsampling;
		int top = this.y / subsampling;
		int right = (int) Math.max(left + 1, ceilDiv((long) this.x + this.width, subsampling));
		int bottom = (int) Math.max(top + 1, ceilDiv((long) this.y + this.height, subsampling));
		return new CropBox(left, top, right - left, bottom - top);
	}

	private static long ceilDiv(long value, int divisor) {
		return (value + divisor - 1) / divisor;
	}

	/**
	 * The part of the image inside this box, as an image of its own (its pixels copied, so that
	 * it reads from its first sample as a decoded image does). A box that reaches past the image's
	 * edges (detectors' boxes may) is cut at them.
	 * @throws IllegalArgumentException when the box and the image do not overlap
	 */
	public BufferedImage cut(BufferedImage image) {
		int right = (int) Math.min((long) this.x + this.width, image.getWidth());
		int bottom = (int) Math.min((long) this.y + this.height, image.getHeight());
		if (right <= this.x || bottom <= this.y) {
			throw new IllegalArgumentException("the crop box " + this.x + "," + this.y + " " + this.width + "x"
					+ this.height + " lies outside the " + image.getWidth() + "x" + image.getHeight() + " image");
		}
		Raster part = image.getRaster().createChild(this.x, this.y, right - this.x, bottom - this.y, 0, 0, null);
		WritableRaster raster = part.createCompatibleWritableRaster();
		raster.setRect(part);
		return new BufferedImage(image.getColorModel(), raster, image.isAlphaPremultiplied(), null);
	}

}

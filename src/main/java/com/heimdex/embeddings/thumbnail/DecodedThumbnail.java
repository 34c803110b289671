package com.heimdex.embeddings.thumbnail;

import java.awt.image.BufferedImage;

/**
 * A decoded thumbnail and its share of the decode budget, held until it is closed: close it as
 * soon as the image has been resampled.
 */
public final class DecodedThumbnail implements AutoCloseable {

	private final BufferedImage image;

	private final int sourceWidth;

	private final int sourceHeight;

	private final int subsampling;

	private final String reader;

	private final DecodeBudget.Reservation reservation;

	DecodedThumbnail(BufferedImage image, int sourceWidth, int sourceHeight, int subsampling, String reader,
			DecodeBudget.Reservation reservation) {
		this.image = image;
		this.reader = reader;
		this.sourceWidth = sourceWidth;
		this.sourceHeight = sourceHeight;
		this.subsampling = subsampling;
		this.reservation = reservation;
	}

	/** The pixels: the whole image, or every {@link #subsampling()}-th pixel of every such row. */
	public BufferedImage image() {
		return this.image;
	}

	/** Width of the image as stored, before any subsampling. */
	public int sourceWidth() {
		return this.sourceWidth;
	}

	/** Height of the image as stored, before any subsampling. */
	public int sourceHeight() {
		return this.sourceHeight;
	}

	/** 1 when decoded whole; n when every n-th pixel of every n-th row was decoded. */
	public int subsampling() {
		return this.subsampling;
	}

	/** Class name of the ImageIO reader that decoded it (the JDK's or a plugin's). */
	public String reader() {
		return this.reader;
	}

	/** Gives the image's share of the decode budget back. */
	@Override
	public void close() {
		this.reservation.close();
	}

}

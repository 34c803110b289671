package com.heimdex.embeddings.thumbnail;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

/**
 * Photo-sized JPEGs as cameras store them: many megapixels of fine detail (sensor noise over
 * gradients), so that they are megabytes on disk like the originals they stand for.
 */
public final class CameraImages {

	private CameraImages() {
	}

	/** A {@code width x height} JPEG of about 0.23 bytes per pixel (5.6 MB at 6000x4000). */
	public static byte[] jpeg(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		byte[] samples = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		SplittableRandom noise = new SplittableRandom(seed);
		int shift = (int) (seed % 97);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int at = (y * width + x) * 3;
				samples[at] = level((x * 255 / width + y * 255 / height) / 2, noise);
				samples[at + 1] = level((x / 37 + shift) % 255, noise);
				samples[at + 2] = level((y / 23 + shift) % 255, noise);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 4);
		try {
			ImageIO.write(image, "jpg", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte level(int base, SplittableRandom noise) {
		return (byte) Math.max(0, Math.min(255, base + noise.nextInt(64) - 32));
	}

}

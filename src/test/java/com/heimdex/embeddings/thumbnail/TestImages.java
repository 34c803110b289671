package com.heimdex.embeddings.thumbnail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/** Small images made in memory for thumbnail tests. */
public final class TestImages {

	private TestImages() {
	}

	/** A {@code width x height} RGB image with a colour gradient, so no two rows are alike. */
	public static BufferedImage gradient(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int r = (x * 255) / Math.max(1, width - 1);
				int g = (y * 255) / Math.max(1, height - 1);
				image.setRGB(x, y, (r << 16) | (g << 8) | 96);
			}
		}
		return image;
	}

	public static byte[] jpeg(int width, int height) {
		return encode(gradient(width, height), "jpg");
	}

	public static byte[] png(int width, int height) {
		return encode(gradient(width, height), "png");
	}

	/** The first {@code keep} bytes of {@code image}, as a cut-off upload leaves it. */
	public static byte[] truncated(byte[] image, int keep) {
		return Arrays.copyOf(image, keep);
	}

	/**
	 * A valid PNG header declaring {@code width x height} RGB pixels, followed by a tiny IDAT: a
	 * reader that checks the header refuses it at once, one that decodes would allocate
	 * {@code width * height * 4} bytes first.
	 */
	public static byte[] pngDeclaring(int width, int height) {
		try {
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
			ByteArrayOutputStream header = new ByteArrayOutputStream();
			DataOutputStream ihdr = new DataOutputStream(header);
			ihdr.writeInt(width);
			ihdr.writeInt(height);
			ihdr.write(new byte[] { 8, 2, 0, 0, 0 }); // 8-bit RGB, deflate, no filter, no interlace
			chunk(png, "IHDR", header.toByteArray());
			chunk(png, "IDAT", deflate(new byte[64]));
			chunk(png, "IEND", new byte[0]);
			return png.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no ImageIO writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
		DataOutputStream out = new DataOutputStream(png);
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeInt(data.length);
		out.write(typeBytes);
		out.write(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeInt((int) crc.getValue());
	}

	private static byte[] deflate(byte[] data) {
		Deflater deflater = new Deflater();
		deflater.setInput(data);
		deflater.finish();
		byte[] buffer = new byte[256];
		int length = deflater.deflate(buffer);
		deflater.end();
		return Arrays.copyOf(buffer, length);
	}

}

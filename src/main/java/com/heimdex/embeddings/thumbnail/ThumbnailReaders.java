package com.heimdex.embeddings.thumbnail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Which ImageIO reader decodes a thumbnail. For a JPEG, the JDK's own reader (libjpeg-turbo in the
 * container image: the fastest, and the decoder the Pillow-exact goldens were checked against),
 * unless the JPEG is CMYK or YCCK, which only TwelveMonkeys' reader converts to RGB as Pillow
 * does; for WebP, TwelveMonkeys' reader; for anything else, the JDK's.
 */
final class ThumbnailReaders {

	static {
		// Decoding from memory must not spill to temporary files (ImageIO's default when a
		// stream is created through ImageIO). The decoder's streams are memory-backed anyway;
		// this covers every other ImageIO use in the process.
		ImageIO.setUseCache(false);
		preferJdkJpegReader();
	}

	private ThumbnailReaders() {
	}

	/**
	 * The reader for the stream, its input set.
	 * @throws ThumbnailException {@code image_decode_failed} when no reader knows the format
	 */
	static ImageReader open(ImageInputStream input) throws IOException {
		Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
		if (!readers.hasNext()) {
			throw new ThumbnailException(ThumbnailFailure.IMAGE_DECODE_FAILED, "not an image in a supported format");
		}
		ImageReader reader = readers.next();
		reader.setInput(input, true, true);
		if (isJdkReader(reader) && "JPEG".equals(formatOf(reader)) && !hasColourOrGrayType(reader)) {
			while (readers.hasNext()) {
				ImageReader next = readers.next();
				if (!isJdkReader(next)) {
					reader.dispose();
					input.seek(0);
					next.setInput(input, true, true);
					return next;
				}
				next.dispose();
			}
		}
		return reader;
	}

	/** The JDK's own readers: they decode row by row into the destination. */
	static boolean isJdkReader(ImageReader reader) {
		return reader.getClass().getName().startsWith("com.sun.imageio.plugins.");
	}

	/**
	 * Whether the reader decodes subsampled, keeping only the rows and columns asked for: the JDK's
	 * readers do, and so do TwelveMonkeys' (WebP, JPEG's CMYK path).
	 */
	static boolean readsSubsampled(ImageReader reader) {
		return isJdkReader(reader) || reader.getClass().getName().startsWith("com.twelvemonkeys.");
	}

	/** The reader's format name in upper case, e.g. {@code JPEG}. */
	static String formatOf(ImageReader reader) {
		try {
			return reader.getFormatName().toUpperCase(Locale.ROOT);
		}
		catch (IOException ex) {
			return "image";
		}
	}

	/** Whether the reader decodes the image into RGB or gray (not CMYK, not YCCK). */
	private static boolean hasColourOrGrayType(ImageReader reader) {
		try {
			Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
			return types.hasNext() && types.next().getColorModel().getNumColorComponents() != 4;
		}
		catch (IOException | RuntimeException ex) {
			// the JDK's reader refuses some Adobe YCCK files outright
			return false;
		}
	}

	/**
	 * TwelveMonkeys' JPEG reader (for CMYK and YCCK JPEGs) registers itself ahead of the JDK's; the
	 * JDK's goes first again, so that ordinary JPEGs are decoded as before, everywhere in the
	 * process, and only {@link #open} turns to TwelveMonkeys' when the JDK's cannot convert.
	 */
	private static void preferJdkJpegReader() {
		IIORegistry registry = IIORegistry.getDefaultInstance();
		List<ImageReaderSpi> jpeg = new ArrayList<>();
		registry.getServiceProviders(ImageReaderSpi.class,
				(spi) -> Arrays.asList(((ImageReaderSpi) spi).getFormatNames()).contains("jpeg"), false)
			.forEachRemaining(jpeg::add);
		for (ImageReaderSpi jdk : jpeg) {
			for (ImageReaderSpi other : jpeg) {
				if (jdk.getClass().getName().startsWith("com.sun.imageio.") && other != jdk) {
					registry.setOrdering(ImageReaderSpi.class, jdk, other);
				}
			}
		}
	}

}

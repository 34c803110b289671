package com.heimdex.embeddings.thumbnail;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decodes thumbnail bytes (JPEG including CMYK/YCCK, PNG, GIF, BMP, WebP: the reader
 * {@link ThumbnailReaders} picks) into an image, within a memory budget. The width and height are read from the header first, so an image of more than
 * {@code thumbnails.max-pixels} is refused before its pixels are allocated; an image of more than
 * {@code thumbnails.subsample-above-pixels} is decoded subsampled by readers that can do so
 * without holding the whole image; and what the decoded image and its resampling take is reserved
 * from the {@link DecodeBudget} first, waiting while other images hold it. Truncated or corrupt
 * data fails even where ImageIO would only warn and return a partly grey image. Thread-safe.
 */
@Component
public class ThumbnailDecoder {

	/**
	 * Warnings that do not mean corrupt data: TwelveMonkeys' JPEG reader says so when a CMYK JPEG
	 * has no ICC profile and is converted by the plain formula (which is Pillow's).
	 */
	private static final Pattern ABOUT_COLOUR_PROFILES = Pattern.compile("ICC|colou?r profile|CMYK to RGB",
			Pattern.CASE_INSENSITIVE);

	private final long maxPixels;

	private final long subsampleAbovePixels;

	private final DecodeBudget budget;

	/** A decoder with the default decode settings. */
	public ThumbnailDecoder(ThumbnailProperties properties) {
		this(properties, ThumbnailDecodeProperties.defaults());
	}

	@Autowired
	public ThumbnailDecoder(ThumbnailProperties properties, ThumbnailDecodeProperties decode) {
		this.maxPixels = properties.maxPixels();
		this.subsampleAbovePixels = decode.subsampleAbovePixels();
		this.budget = new DecodeBudget(decode.decodeMemoryBytes());
	}

	/**
	 * Decodes the first image in {@code bytes}, waiting for its share of the decode budget.
	 * @return the image, holding its share of the budget until closed
	 * @throws ThumbnailException {@code image_decode_failed} if the bytes are not a readable
	 * image, {@code image_too_large} if the header declares more pixels than allowed or decoding
	 * would need more memory than the whole budget
	 */
	public DecodedThumbnail decode(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new ThumbnailException(ThumbnailFailure.IMAGE_DECODE_FAILED, "empty body");
		}
		try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			ImageReader reader = ThumbnailReaders.open(input);
			try {
				return read(reader, input);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException ex) {
			throw new ThumbnailException(ThumbnailFailure.IMAGE_DECODE_FAILED, "cannot read image stream: " + ex.getMessage());
		}
	}

	private DecodedThumbnail read(ImageReader reader, ImageInputStream input) {
		String format = ThumbnailReaders.formatOf(reader);
		List<String> warnings = new ArrayList<>();
		reader.addIIOReadWarningListener((source, warning) -> {
			if (!ABOUT_COLOUR_PROFILES.matcher(warning).find()) {
				warnings.add(warning);
			}
		});
		try {
			long width = reader.getWidth(0);
			long height = reader.getHeight(0);
			if (width <= 0 || height <= 0) {
				throw new ThumbnailException(ThumbnailFailure.IMAGE_DECODE_FAILED,
						format + " header declares " + width + "x" + height + " pixels");
			}
			if (width * height > this.maxPixels) {
				throw new ThumbnailException(ThumbnailFailure.IMAGE_TOO_LARGE, format + " of " + width + "x" + height
						+ " pixels exceeds the limit of " + this.maxPixels + " pixels");
			}
			if ((double) DecodePlan.KEPT_SIZE * Math.max(width, height) / Math.min(width, height) > Integer.MAX_VALUE) {
				throw new ThumbnailException(ThumbnailFailure.IMAGE_TOO_LARGE, format + " of " + width + "x" + height
						+ " pixels: an aspect ratio no resize to " + DecodePlan.KEPT_SIZE + " pixels can hold");
			}
			List<ImageTypeSpecifier> types = new ArrayList<>();
			reader.getImageTypes(0).forEachRemaining(types::add);
			DecodePlan plan = DecodePlan.of(width, height, bytesPerPixel(types),
					ThumbnailReaders.readsSubsampled(reader), !ThumbnailReaders.isJdkReader(reader),
					this.subsampleAbovePixels);
			DecodeBudget.Reservation reservation = reserve(plan, format, width, height);
			boolean decoded = false;
			try {
				ImageReadParam param = reader.getDefaultReadParam();
				if (plan.subsampling() > 1) {
					param.setSourceSubsampling(plan.subsampling(), plan.subsampling(), 0, 0);
				}
				// A destination image, not a destination type: ImageIO compares types by the
				// identity of freshly made ICC colour spaces and would refuse its own type.
				param.setDestination(destination(reader, types, plan.width(), plan.height()));
				BufferedImage image = reader.read(0, param);
				if (!warnings.isEmpty()) {
					throw new ThumbnailException(ThumbnailFailure.IMAGE_DECODE_FAILED,
							"corrupt " + format + ": " + warnings.get(0));
				}
				decoded = true;
				return new DecodedThumbnail(image, (int) width, (int) height, plan.subsampling(),
						reader.getClass().getName(), reservation);
			}
			finally {
				if (!decoded) {
					reservation.close();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ThumbnailException thumbnailException) {
				throw thumbnailException;
			}
			// Corrupt data also surfaces as runtime exceptions from the codecs (index errors, ...).
			throw new ThumbnailException(ThumbnailFailure.IMAGE_DECODE_FAILED, "corrupt " + format + ": "
					+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName()));
		}
	}

	private DecodeBudget.Reservation reserve(DecodePlan plan, String format, long width, long height) {
		if (!this.budget.fits(plan.bytes())) {
			throw new ThumbnailException(ThumbnailFailure.IMAGE_TOO_LARGE,
					format + " of " + width + "x" + height + " pixels needs about " + megabytes(plan.bytes())
							+ " MB to decode, more than the decode budget of " + megabytes(this.budget.bytes())
							+ " MB (THUMBNAILS_DECODE_MEMORY)");
		}
		try {
			return this.budget.reserve(plan.bytes());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ThumbnailException(ThumbnailFailure.IMAGE_DECODE_FAILED, "interrupted while waiting to decode");
		}
	}

	private static long megabytes(long bytes) {
		return (bytes + (1 << 20) - 1) >> 20;
	}

	/** Bytes per pixel of the reader's first image type; 8 (16-bit RGBA) when it names none. */
	private static int bytesPerPixel(List<ImageTypeSpecifier> types) {
		return types.isEmpty() ? 8 : Math.max(1, (types.get(0).getColorModel().getPixelSize() + 7) / 8);
	}

	/**
	 * The image to decode into; {@code null} for the reader's default.
	 * <p>
	 * An image tagged with a non-sRGB colour profile (a JPEG with an embedded Adobe RGB profile,
	 * say) goes into its own RGB type: ImageIO would convert such pixels to sRGB, while Pillow, and
	 * so the reference CLIP pipeline, keeps the stored values.
	 * <p>
	 * Any other colour JPEG goes into sRGB bytes in R, G, B order, the order the codec delivers its
	 * rows in: its default type (3BYTE_BGR) has them the other way round, and turning every row
	 * around sample by sample costs as much as a third of the decoding. Same colours, same values.
	 */
	private static BufferedImage destination(ImageReader reader, List<ImageTypeSpecifier> types, int width,
			int height) {
		ImageTypeSpecifier first = types.isEmpty() ? null : types.get(0);
		for (ImageTypeSpecifier type : types) {
			ColorSpace colorSpace = type.getColorModel().getColorSpace();
			if (colorSpace.getType() == ColorSpace.TYPE_RGB && !colorSpace.isCS_sRGB() && type.getNumBands() == 3) {
				return type.createBufferedImage(width, height);
			}
		}
		if (first != null && first.getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR
				&& "JPEG".equals(ThumbnailReaders.formatOf(reader))) {
			return rgbBytes(width, height);
		}
		return null;
	}

	/** An sRGB image stored as interleaved bytes in R, G, B order. */
	static BufferedImage rgbBytes(int width, int height) {
		ComponentColorModel colours = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
				Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
		WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, width * 3, 3,
				new int[] { 0, 1, 2 }, null);
		return new BufferedImage(colours, raster, false, null);
	}

}

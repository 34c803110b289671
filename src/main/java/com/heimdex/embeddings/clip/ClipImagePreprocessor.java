package com.heimdex.embeddings.clip;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns an image into CLIP's input tensor exactly as Hugging Face's {@code CLIPImageProcessor}
 * does with its defaults, which resize with Pillow: RGB (alpha dropped, not composited; gray
 * replicated), shortest side resized to 224 with Pillow's bicubic filter (antialiased support,
 * two separable fixed-point passes rounded to 8 bits), centre crop 224x224, scale by 1/255,
 * normalise with CLIP's mean and std. Only the pixels the crop keeps are resampled, which gives
 * the same values since every output pixel depends only on its own filter taps.
 * <p>
 * Colour values are taken as stored, as Pillow does, whatever colour space the image is tagged
 * with. {@code ImageIO.read} converts JPEGs with an embedded non-sRGB ICC profile (e.g. Adobe RGB)
 * to sRGB, up to tens of levels away from what Pillow decodes; decoding such files with the
 * reader's image type that carries the embedded profile keeps Pillow's values.
 * <p>
 * Thread-safe: each thread keeps its own working arrays.
 */
public final class ClipImagePreprocessor {

	/** Width and height of the tensor's image planes. */
	public static final int IMAGE_SIZE = 224;

	/** Number of floats one preprocessed image occupies: 3 planes (R, G, B) of 224x224. */
	public static final int TENSOR_LENGTH = 3 * IMAGE_SIZE * IMAGE_SIZE;

	private static final int PLANE = IMAGE_SIZE * IMAGE_SIZE;

	/** Floats {@link #normalise} stages at a time: a quarter of a core's L1 data cache. */
	private static final int NORMALISE_STAGE = 2048;

	private static final float[] MEAN = { 0.48145466f, 0.4578275f, 0.40821073f };

	private static final float[] STD = { 0.26862954f, 0.26130258f, 0.27577711f };

	/** Normalised value of each 8-bit level per channel, computed as transformers does. */
	private static final float[][] NORMALISED = normalisationTable();

	private final ThreadLocal<CropResampler.Buffers> buffers = ThreadLocal.withInitial(CropResampler.Buffers::new);

	/**
	 * Writes the CHW tensor of {@code image} (planes R, G, B, each 224x224 row-major) into
	 * {@code target[offset .. offset + TENSOR_LENGTH)}.
	 */
	public void preprocess(BufferedImage image, float[] target, int offset) {
		Objects.requireNonNull(image, "image");
		Objects.checkFromIndexSize(offset, TENSOR_LENGTH, target.length);
		byte[] levels = levels(image);
		for (int channel = 0; channel < 3; channel++) {
			float[] normalised = NORMALISED[channel];
			int plane = channel * PLANE;
			for (int i = 0; i < PLANE; i++) {
				target[offset + plane + i] = normalised[levels[plane + i] & 0xFF];
			}
		}
	}

	/**
	 * The resized and cropped image before normalisation: three planes (R, G, B) of 224x224 8-bit
	 * levels, {@link #TENSOR_LENGTH} bytes, a quarter of the tensor's size. {@link #normalise}
	 * turns them into exactly the tensor {@link #preprocess} writes.
	 */
	public byte[] levels(BufferedImage image) {
		return levels(image, new byte[TENSOR_LENGTH]);
	}

	/**
	 * {@link #levels(BufferedImage)} written into {@code target} ({@link #TENSOR_LENGTH} bytes,
	 * whatever they hold), which it returns.
	 */
	public byte[] levels(BufferedImage image, byte[] target) {
		Objects.requireNonNull(image, "image");
		if (target.length != TENSOR_LENGTH) {
			throw new IllegalArgumentException("expected a buffer of " + TENSOR_LENGTH + " levels, got " + target.length);
		}
		int width = image.getWidth();
		int height = image.getHeight();
		Dimensions resized = resizedDimensions(width, height);
		CropAxis columns = CropAxis.of(resized.width());
		CropAxis rows = CropAxis.of(resized.height());
		// taps for the kept samples only: a 1x100000 image is resized to 224x22400000
		ResampleCoefficients horizontal = ResampleCoefficients.forSizes(width, resized.width(), columns.first(),
				columns.count());
		ResampleCoefficients vertical = ResampleCoefficients.forSizes(height, resized.height(), rows.first(),
				rows.count());
		if (columns.padding() > 0 || rows.padding() > 0) {
			// padding (never needed after a shortest-edge resize) is level 0, as the tensor has it
			Arrays.fill(target, (byte) 0);
		}
		CropResampler resampler = new CropResampler(horizontal, columns, vertical, rows);
		resampler.resample(RgbSamples.of(image, resampler.firstRow(), resampler.rowCount()), this.buffers.get(), target,
				IMAGE_SIZE);
		return target;
	}

	/**
	 * Writes the tensor of {@code levels} (as {@link #levels} returns them) at the buffer's
	 * position, which advances by {@link #TENSOR_LENGTH}.
	 */
	public static void normalise(byte[] levels, FloatBuffer target) {
		if (levels.length != TENSOR_LENGTH) {
			throw new IllegalArgumentException("expected " + TENSOR_LENGTH + " levels, got " + levels.length);
		}
		int start = target.position();
		// Looked up into a small heap array, then copied in bulk: a direct buffer's put per float
		// costs several times the lookup.
		float[] staged = new float[NORMALISE_STAGE];
		for (int channel = 0; channel < 3; channel++) {
			float[] normalised = NORMALISED[channel];
			for (int from = channel * PLANE; from < (channel + 1) * PLANE; from += NORMALISE_STAGE) {
				int length = Math.min(NORMALISE_STAGE, (channel + 1) * PLANE - from);
				for (int i = 0; i < length; i++) {
					staged[i] = normalised[levels[from + i] & 0xFF];
				}
				target.put(start + from, staged, 0, length);
			}
		}
		target.position(start + TENSOR_LENGTH);
	}

	/**
	 * Size after transformers' shortest-edge resize: the short side becomes 224, the long side
	 * {@code int(224 * long / short)}.
	 */
	static Dimensions resizedDimensions(int width, int height) {
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("empty image: " + width + "x" + height);
		}
		boolean portrait = width <= height;
		int shortSide = portrait ? width : height;
		int longSide = portrait ? height : width;
		double newLongSide = (double) IMAGE_SIZE * longSide / shortSide;
		if (newLongSide > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("aspect ratio of " + width + "x" + height
					+ " too extreme: the resized long side exceeds " + Integer.MAX_VALUE + " pixels");
		}
		int newLong = (int) newLongSide;
		return portrait ? new Dimensions(IMAGE_SIZE, newLong) : new Dimensions(newLong, IMAGE_SIZE);
	}

	private static float[][] normalisationTable() {
		float[][] table = new float[3][256];
		for (int channel = 0; channel < 3; channel++) {
			for (int level = 0; level < 256; level++) {
				// transformers: float64 multiply by 1/255, cast to float32, then float32 arithmetic.
				float rescaled = (float) (level * (1.0 / 255));
				table[channel][level] = (rescaled - MEAN[channel]) / STD[channel];
			}
		}
		return table;
	}

	/** Width and height of an image. */
	record Dimensions(int width, int height) {
	}

	/**
	 * transformers' centre crop along one axis of the resized image: the kept samples start at
	 * {@code first} and number {@code count}; {@code padding} zero-valued samples precede them when
	 * the axis is shorter than the crop (the shortest-edge resize never makes it so).
	 */
	record CropAxis(int first, int count, int padding) {

		static CropAxis of(int size) {
			if (size >= IMAGE_SIZE) {
				return new CropAxis((size - IMAGE_SIZE) / 2, IMAGE_SIZE, 0);
			}
			return new CropAxis(0, size, (IMAGE_SIZE - size + 1) / 2);
		}

	}

}

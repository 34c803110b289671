package com.heimdex.embeddings.sceneperson;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;

import com.heimdex.embeddings.clip.RgbSamples;

/**
 * Writes an image into a detector's input, CHW float32 RGB: resized bilinearly into its
 * {@link InputPlacement}, the rest of the input filled with the format's padding (114 for
 * yolov8), each level normalised as the format says.
 * <p>
 * The resize takes the sample positions and edge handling of OpenCV's {@code cv2.resize} with
 * {@code INTER_LINEAR}, which the formats' reference code uses: destination pixel d reads the
 * source at {@code (d + 0.5) * scale - 0.5}, clamped at the first and last pixel, from its two
 * neighbours on each axis, without antialiasing; the result is rounded to a whole level as
 * OpenCV's 8-bit output is. OpenCV's fixed-point weights may put a level 1 apart from the float
 * weights used here, and its shortcut of exact 2x reductions to {@code INTER_AREA} is not taken.
 * Colours are taken as stored (gray feeds all three channels, alpha is ignored).
 */
final class DetectorPreprocessor {

	private static final int PADDING_LEVEL = 114;

	private DetectorPreprocessor() {
	}

	/** Fills {@code input} from index 0 (3 x inputHeight x inputWidth floats); its position is left as it was. */
	static void write(BufferedImage image, InputPlacement placement, DetectorFormat format, FloatBuffer input) {
		int inputWidth = format.inputWidth();
		int plane = inputWidth * format.inputHeight();
		float padding = normalised(PADDING_LEVEL, format);
		for (int i = 0; i < 3 * plane; i++) {
			input.put(i, padding);
		}
		int sourceWidth = image.getWidth();
		int sourceHeight = image.getHeight();
		Taps columns = Taps.of(sourceWidth, placement.width());
		int[][] red = new int[sourceWidth][2];
		int[][] green = new int[sourceWidth][2];
		int[][] blue = new int[sourceWidth][2];
		for (int y = 0; y < placement.height(); y++) {
			double position = (y + 0.5) * sourceHeight / placement.height() - 0.5;
			int top = (int) Math.floor(position);
			double below = position - top;
			if (top < 0) {
				top = 0;
				below = 0;
			}
			if (top >= sourceHeight - 1) {
				top = sourceHeight - 1;
				below = 0;
			}
			int rows = (top + 1 < sourceHeight) ? 2 : 1;
			RgbSamples samples = RgbSamples.of(image, top, rows);
			samples.copyColumns(top, rows, 0, sourceWidth, red, green, blue);
			boolean gray = samples.isGray();
			int second = rows - 1;
			int rowStart = (placement.y() + y) * inputWidth + placement.x();
			for (int x = 0; x < placement.width(); x++) {
				int left = columns.left[x];
				int right = columns.right[x];
				double across = columns.weight[x];
				int r = level(red, left, right, second, across, below);
				int g = gray ? r : level(green, left, right, second, across, below);
				int b = gray ? r : level(blue, left, right, second, across, below);
				input.put(rowStart + x, normalised(r, format));
				input.put(plane + rowStart + x, normalised(g, format));
				input.put(2 * plane + rowStart + x, normalised(b, format));
			}
		}
	}

	private static int level(int[][] channel, int left, int right, int second, double across, double below) {
		double upper = channel[left][0] + (channel[right][0] - channel[left][0]) * across;
		double lower = channel[left][second] + (channel[right][second] - channel[left][second]) * across;
		return (int) Math.round(upper + (lower - upper) * below);
	}

	static float normalised(int level, DetectorFormat format) {
		return switch (format) {
			case ULTRAFACE -> (level - 127) / 128f;
			case YOLOV8 -> level / 255f;
		};
	}

	/** For each destination column: the two source columns read and the right one's weight. */
	private record Taps(int[] left, int[] right, double[] weight) {

		static Taps of(int sourceSize, int destinationSize) {
			int[] left = new int[destinationSize];
			int[] right = new int[destinationSize];
			double[] weight = new double[destinationSize];
			for (int d = 0; d < destinationSize; d++) {
				double position = (d + 0.5) * sourceSize / destinationSize - 0.5;
				int first = (int) Math.floor(position);
				double fraction = position - first;
				if (first < 0) {
					first = 0;
					fraction = 0;
				}
				if (first >= sourceSize - 1) {
					first = sourceSize - 1;
					fraction = 0;
				}
				left[d] = first;
				right[d] = Math.min(first + 1, sourceSize - 1);
				weight[d] = fraction;
			}
			return new Taps(left, right, weight);
		}

	}

}

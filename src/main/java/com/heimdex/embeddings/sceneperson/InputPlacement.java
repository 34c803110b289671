package com.heimdex.embeddings.sceneperson;

/**
 * Where the decoded image lies inside the detector's input, in input pixels: the whole input
 * when the image is stretched to it (ultraface), a centred rectangle of the image's aspect when
 * it is letterboxed (yolov8). Maps the model's boxes back to the stored image's pixels.
 *
 * @param x left edge of the image in the input
 * @param y top edge of the image in the input
 * @param width width the image is resized to
 * @param height height the image is resized to
 */
record InputPlacement(int x, int y, int width, int height) {

	/** The image resized to the whole input, aspect not kept. */
	static InputPlacement stretched(DetectorFormat format) {
		return new InputPlacement(0, 0, format.inputWidth(), format.inputHeight());
	}

	/**
	 * The image scaled to fit the input with its aspect kept (up or down), centred, as Ultralytics'
	 * {@code LetterBox}: the scale is the smaller of the two sides' ratios, the resized sides are
	 * rounded, and the padding left (top) is the smaller half of the total padding.
	 */
	static InputPlacement letterboxed(int imageWidth, int imageHeight, DetectorFormat format) {
		double ratio = Math.min((double) format.inputWidth() / imageWidth, (double) format.inputHeight() / imageHeight);
		int width = (int) Math.max(1, Math.min(format.inputWidth(), Math.round(imageWidth * ratio)));
		int height = (int) Math.max(1, Math.min(format.inputHeight(), Math.round(imageHeight * ratio)));
		return new InputPlacement((format.inputWidth() - width) / 2, (format.inputHeight() - height) / 2, width, height);
	}

	/**
	 * A box in input pixels as a box in the stored image's pixels. The decoded image is
	 * {@code decodedWidth} x {@code decodedHeight}; decoded subsampled, its pixel i stands for the
	 * stored pixels {@code i*subsampling} to {@code (i+1)*subsampling}. The result is clamped to
	 * the stored image.
	 */
	DetectedBox toSource(DetectedBox inInput, int decodedWidth, int decodedHeight, int subsampling,
			int sourceWidth, int sourceHeight) {
		double scaleX = (double) decodedWidth / this.width * subsampling;
		double scaleY = (double) decodedHeight / this.height * subsampling;
		return new DetectedBox(clamp((inInput.x1() - this.x) * scaleX, sourceWidth),
				clamp((inInput.y1() - this.y) * scaleY, sourceHeight), clamp((inInput.x2() - this.x) * scaleX, sourceWidth),
				clamp((inInput.y2() - this.y) * scaleY, sourceHeight), inInput.score());
	}

	private static float clamp(double value, int limit) {
		return (float) Math.min(limit, Math.max(0, value));
	}

}

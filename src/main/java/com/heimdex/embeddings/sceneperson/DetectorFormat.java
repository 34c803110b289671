package com.heimdex.embeddings.sceneperson;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The tensor contracts a person detector model may have ({@code PERSON_DETECTOR_FORMAT}): what
 * goes in, what comes out, and the reference settings of the format's own demo code.
 */
public enum DetectorFormat {

	/**
	 * UltraFace version-RFB-320 (ONNX model zoo, MIT): input [1,3,240,320] RGB, (v - 127) / 128,
	 * the image resized to 320x240 (not letterboxed); outputs {@code scores} [1,N,2] (background,
	 * face) and {@code boxes} [1,N,4] corners (x1,y1,x2,y2) as fractions of the input. Reference:
	 * score 0.7, NMS IoU 0.3.
	 */
	ULTRAFACE("ultraface", 320, 240, 0.7, 0.3, "[1,3,240,320] float32",
			"'scores' [1,N,2] and 'boxes' [1,N,4] float32",
			"RGB, bilinear resize of the whole image to 320x240 (cv2 INTER_LINEAR sample positions), (v-127)/128"),

	/**
	 * Ultralytics YOLOv8 detection export: input [1,3,640,640] RGB, v / 255, the image letterboxed
	 * (scaled to fit, aspect kept, centred, padded with 114); output [1,84,N] (N = 8400 at 640):
	 * rows cx, cy, w, h in input pixels, then the 80 COCO class scores, no objectness; a person is
	 * class 0. Reference: Ultralytics' IoU 0.7; score 0.5 rather than its 0.25, as every box kept
	 * is embedded and stored.
	 */
	YOLOV8("yolov8", 640, 640, 0.5, 0.7, "[1,3,640,640] float32", "one output [1,84,N] float32",
			"RGB, letterbox to 640x640 (bilinear, cv2 INTER_LINEAR sample positions, aspect kept, centred,"
					+ " padding 114), v/255; person = class 0 and the best of the 80 classes");

	private final String settingName;

	private final int inputWidth;

	private final int inputHeight;

	private final double defaultScoreThreshold;

	private final double defaultNmsIou;

	private final String expectedInput;

	private final String expectedOutputs;

	private final String preprocessing;

	DetectorFormat(String settingName, int inputWidth, int inputHeight, double defaultScoreThreshold,
			double defaultNmsIou, String expectedInput, String expectedOutputs, String preprocessing) {
		this.settingName = settingName;
		this.inputWidth = inputWidth;
		this.inputHeight = inputHeight;
		this.defaultScoreThreshold = defaultScoreThreshold;
		this.defaultNmsIou = defaultNmsIou;
		this.expectedInput = expectedInput;
		this.expectedOutputs = expectedOutputs;
		this.preprocessing = preprocessing;
	}

	/**
	 * The format a {@code PERSON_DETECTOR_FORMAT} value names, in any case.
	 * @throws IllegalArgumentException naming the allowed values when none matches
	 */
	public static DetectorFormat named(String name) {
		String wanted = (name == null) ? "" : name.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((format) -> format.settingName.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("PERSON_DETECTOR_FORMAT=" + name
					+ " is not a detector format; allowed: " + allowedNames()));
	}

	/** The allowed {@code PERSON_DETECTOR_FORMAT} values, comma-separated. */
	public static String allowedNames() {
		return Arrays.stream(values()).map(DetectorFormat::settingName).collect(Collectors.joining(", "));
	}

	/** The {@code PERSON_DETECTOR_FORMAT} value, e.g. {@code yolov8}. */
	public String settingName() {
		return this.settingName;
	}

	public int inputWidth() {
		return this.inputWidth;
	}

	public int inputHeight() {
		return this.inputHeight;
	}

	/** The score a box must exceed when {@code PERSON_DETECTOR_SCORE_THRESHOLD} is unset. */
	public double defaultScoreThreshold() {
		return this.defaultScoreThreshold;
	}

	/** The overlap above which NMS drops the lower-scored box when {@code PERSON_DETECTOR_NMS_IOU} is unset. */
	public double defaultNmsIou() {
		return this.defaultNmsIou;
	}

	/** The input the contract takes, for messages, e.g. {@code [1,3,640,640] float32}. */
	String expectedInput() {
		return this.expectedInput;
	}

	/** The outputs the contract gives, for messages. */
	String expectedOutputs() {
		return this.expectedOutputs;
	}

	/** How pixels reach the model, in words: part of the detector's identity. */
	String preprocessing() {
		return this.preprocessing;
	}

	@Override
	public String toString() {
		return this.settingName;
	}

}

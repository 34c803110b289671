package com.heimdex.embeddings.sceneperson;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.modelfile.ModelFileException;
import com.heimdex.embeddings.modelfile.ModelFileLocator;
import com.heimdex.embeddings.pipeline.CropBox;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds persons in a thumbnail with an ONNX detector of a named format ({@link DetectorFormat}):
 * the image goes in resized (ultraface) or letterboxed (yolov8), the boxes scoring above the
 * threshold come out, non-maximum suppression keeps the best of overlapping ones, and the boxes are
 * mapped back to the stored image's pixels, those narrower or lower than the minimum side left
 * out, at most the maximum number of persons kept (highest scores). Thread-safe: threads run the
 * model side by side, each with its own input buffer.
 */
public final class PersonDetector implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PersonDetector.class);

	private final PersonDetectorProperties properties;

	private final DetectorFormat format;

	private final DetectorOnnxSession session;

	private final Map<String, String> identity;

	private final ThreadLocal<FloatBuffer> inputs;

	private PersonDetector(PersonDetectorProperties properties, DetectorOnnxSession session, Map<String, String> identity) {
		this.properties = properties;
		this.format = properties.detectorFormat();
		this.session = session;
		this.identity = identity;
		this.inputs = ThreadLocal.withInitial(() -> DetectorOnnxSession.newInput(this.format));
	}

	/**
	 * Locates the model (downloading it if needed, as the CLIP model is), loads it and checks it
	 * against its format's contract.
	 * @throws com.heimdex.embeddings.modelfile.InvalidModelException when the configured file is
	 * missing or the model does not fit the format (an invalid setting)
	 * @throws ModelFileException when the download or the cache fails
	 * @throws IllegalStateException when the settings configure no detector
	 */
	public static PersonDetector load(PersonDetectorSettings settings) {
		if (!settings.enabled()) {
			throw new IllegalStateException("The person detector is off: " + PersonDetectorSettings.NOT_CONFIGURED);
		}
		long started = System.nanoTime();
		PersonDetectorProperties properties = settings.properties();
		Path file = new ModelFileLocator(settings.modelSource()).locate();
		DetectorOnnxSession session = DetectorOnnxSession.load(file, properties.detectorFormat());
		try {
			PersonDetector detector = new PersonDetector(properties, session, identity(properties, file));
			log.info("Person detector loaded: {} ({} candidate boxes per image, load_time={}ms)", settings.describe(),
					session.candidates(), (System.nanoTime() - started) / 1_000_000);
			return detector;
		}
		catch (RuntimeException ex) {
			session.close();
			throw ex;
		}
	}

	/**
	 * The persons in a thumbnail, highest score first, in the stored image's pixels (also when it
	 * was decoded subsampled).
	 */
	public List<DetectedBox> detect(DecodedThumbnail thumbnail) {
		return detect(thumbnail.image(), thumbnail.subsampling(), thumbnail.sourceWidth(), thumbnail.sourceHeight());
	}

	/**
	 * As {@link #detect(DecodedThumbnail)} for an image that holds every {@code subsampling}-th pixel
	 * of every such row of a stored image of {@code sourceWidth} x {@code sourceHeight} pixels.
	 */
	List<DetectedBox> detect(BufferedImage image, int subsampling, int sourceWidth, int sourceHeight) {
		InputPlacement placement = switch (this.format) {
			case ULTRAFACE -> InputPlacement.stretched(this.format);
			case YOLOV8 -> InputPlacement.letterboxed(image.getWidth(), image.getHeight(), this.format);
		};
		FloatBuffer input = this.inputs.get();
		DetectorPreprocessor.write(image, placement, this.format, input);
		float[][] outputs = this.session.run(input);
		double threshold = this.properties.effectiveScoreThreshold();
		int candidates = this.session.candidates();
		List<DetectedBox> found = switch (this.format) {
			case ULTRAFACE -> CandidateBoxes.ultraface(outputs[0], outputs[1], candidates, threshold);
			case YOLOV8 -> CandidateBoxes.yolov8(outputs[0], candidates, threshold);
		};
		int minSide = this.properties.minBoxSide();
		return Collections.unmodifiableList(NonMaximumSuppression.apply(found, this.properties.effectiveNmsIou(),
				this.properties.maxPersons(), (box) -> {
					DetectedBox inSource = placement.toSource(box, image.getWidth(), image.getHeight(), subsampling,
							sourceWidth, sourceHeight);
					return (inSource.width() >= minSide && inSource.height() >= minSide) ? inSource : null;
				}));
	}

	/**
	 * The part of the stored image to embed for a box: the box grown by the crop margin (a fraction
	 * of its width on the left and on the right, of its height above and below), out to whole pixels,
	 * clamped to the image.
	 */
	public CropBox cropFor(DetectedBox box, int sourceWidth, int sourceHeight) {
		return cropFor(box, this.properties.cropMargin(), sourceWidth, sourceHeight);
	}

	static CropBox cropFor(DetectedBox box, double margin, int sourceWidth, int sourceHeight) {
		double growX = box.width() * margin;
		double growY = box.height() * margin;
		int left = (int) Math.min(sourceWidth - 1, Math.max(0, Math.floor(box.x1() - growX)));
		int top = (int) Math.min(sourceHeight - 1, Math.max(0, Math.floor(box.y1() - growY)));
		int right = (int) Math.max(left + 1, Math.min(sourceWidth, Math.ceil(box.x2() + growX)));
		int bottom = (int) Math.max(top + 1, Math.min(sourceHeight, Math.ceil(box.y2() + growY)));
		return new CropBox(left, top, right - left, bottom - top);
	}

	/**
	 * What identifies how persons are detected, for the embedding spec's fingerprint: the format,
	 * the model file's name and sha256, the input size and preprocessing, and the settings that
	 * decide which boxes are kept and how they are cropped.
	 */
	public Map<String, String> identity() {
		return this.identity;
	}

	public DetectorFormat format() {
		return this.format;
	}

	@Override
	public void close() {
		this.session.close();
	}

	private static Map<String, String> identity(PersonDetectorProperties properties, Path file) {
		DetectorFormat format = properties.detectorFormat();
		Map<String, String> identity = new LinkedHashMap<>();
		identity.put("format", format.settingName());
		identity.put("model_file", modelFileName(properties, file));
		identity.put("model_sha256", sha256(file));
		identity.put("input_size", format.inputWidth() + "x" + format.inputHeight());
		identity.put("preprocessing", format.preprocessing());
		identity.put("score_threshold", Double.toString(properties.effectiveScoreThreshold()));
		identity.put("nms_iou", Double.toString(properties.effectiveNmsIou()));
		identity.put("min_box_side", Integer.toString(properties.minBoxSide()));
		identity.put("max_persons", Integer.toString(properties.maxPersons()));
		identity.put("crop_margin", Double.toString(properties.cropMargin()));
		return Collections.unmodifiableMap(identity);
	}

	/** The configured file's name, or the last segment of the URL it was downloaded from. */
	private static String modelFileName(PersonDetectorProperties properties, Path file) {
		if (properties.modelPath() == null) {
			String path = URI.create(properties.modelUrl()).getPath();
			if (path != null && !path.isEmpty() && !path.endsWith("/")) {
				return path.substring(path.lastIndexOf('/') + 1);
			}
		}
		return file.getFileName().toString();
	}

	private static String sha256(Path file) {
		try {
			return Sha256.of(file);
		}
		catch (IOException ex) {
			throw new ModelFileException("Cannot hash the person detector model " + file + ": " + ex.getMessage(), ex);
		}
	}

}

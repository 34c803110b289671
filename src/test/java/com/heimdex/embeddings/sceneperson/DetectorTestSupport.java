package com.heimdex.embeddings.sceneperson;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.heimdex.embeddings.testmodel.GeneratedDetectorModel;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import com.heimdex.embeddings.thumbnail.ThumbnailDecodeProperties;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Thumbnails with "persons" the generated detectors find (a bright red square is person A, a bright
 * green one person B, on a dark background), decoded as the jobs decode them, and detectors built
 * from environment settings as the application binds them.
 */
final class DetectorTestSupport {

	static final Color BACKGROUND = new Color(20, 20, 20);

	private static Path models;

	private DetectorTestSupport() {
	}

	/** A square of one colour, columns x1..x2-1 and rows y1..y2-1 of the stored image. */
	record Square(int x1, int y1, int x2, int y2, Color colour) {

		static Square red(int x1, int y1, int x2, int y2) {
			return new Square(x1, y1, x2, y2, Color.RED);
		}

		static Square green(int x1, int y1, int x2, int y2) {
			return new Square(x1, y1, x2, y2, Color.GREEN);
		}

	}

	/** A PNG of a dark image with these squares on it. */
	static byte[] png(int width, int height, Square... squares) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(BACKGROUND);
		graphics.fillRect(0, 0, width, height);
		for (Square square : squares) {
			graphics.setColor(square.colour());
			graphics.fillRect(square.x1(), square.y1(), square.x2() - square.x1(), square.y2() - square.y1());
		}
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** Decoded whole, as the jobs decode an image of at most 4,000,000 pixels. */
	static DecodedThumbnail decode(byte[] image) {
		return new ThumbnailDecoder(ThumbnailProperties.defaults()).decode(image);
	}

	/** Decoded subsampled, as the jobs decode an image above {@code thumbnails.subsample-above-pixels}. */
	static DecodedThumbnail decodeSubsampled(byte[] image) {
		return new ThumbnailDecoder(ThumbnailProperties.defaults(), new ThumbnailDecodeProperties(null, 224L * 224))
			.decode(image);
	}

	static synchronized Path ultrafaceModel() {
		return model("ultraface.onnx");
	}

	static synchronized Path yolov8Model() {
		return model("yolov8.onnx");
	}

	private static Path model(String name) {
		try {
			if (models == null) {
				models = Files.createTempDirectory("detector-models");
				GeneratedDetectorModel.writeUltraface(models.resolve("ultraface.onnx"));
				GeneratedDetectorModel.writeYolov8(models.resolve("yolov8.onnx"));
			}
			return models.resolve(name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Binds {@link PersonDetectorProperties} from environment variables the way the application does. */
	static PersonDetectorProperties properties(Map<String, ?> variables) {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables));
		return new Binder(ConfigurationPropertySources.from(environment)).bindOrCreate("person-detector",
				PersonDetectorProperties.class);
	}

	/** A detector of this model and format, with further settings by their environment names. */
	static PersonDetector detector(Path model, String format, Map<String, String> settings) {
		Map<String, String> variables = new HashMap<>(settings);
		variables.put("PERSON_DETECTOR_MODEL_PATH", model.toString());
		variables.put("PERSON_DETECTOR_FORMAT", format);
		return PersonDetector.load(new PersonDetectorSettings(properties(variables), model.getParent()));
	}

}

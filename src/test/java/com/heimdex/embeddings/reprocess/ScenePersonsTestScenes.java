package com.heimdex.embeddings.reprocess;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.heimdex.embeddings.clip.ClipImagePreprocessor;
import com.heimdex.embeddings.pipeline.CropBox;
import com.heimdex.embeddings.testmodel.GeneratedDetectorModel;
import com.heimdex.embeddings.testmodel.ProbeClipModel;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Thumbnails with "persons" the generated detectors find (a bright red square is person A, a bright
 * green one person B, on a dark background; a blue patch in a person's top-left corner makes its
 * crop's quadrants differ), served locally, and the models of the scene-person tests: the generated
 * detectors and a probe CLIP model whose output is the mean of each channel's preprocessed input
 * per quadrant, so a test knows which pixels went in.
 */
final class ScenePersonsTestScenes {

	private static Path models;

	private final JdbcTemplate jdbc;

	private final ThumbnailTestServer server;

	ScenePersonsTestScenes(JdbcTemplate jdbc, ThumbnailTestServer server) {
		this.jdbc = jdbc;
		this.server = server;
	}

	/** A person: a square of one colour, columns x1..x2-1 and rows y1..y2-1, with a blue top-left corner. */
	record Person(int x1, int y1, int x2, int y2, Color colour) {

		static Person red(int x1, int y1, int x2, int y2) {
			return new Person(x1, y1, x2, y2, Color.RED);
		}

		static Person green(int x1, int y1, int x2, int y2) {
			return new Person(x1, y1, x2, y2, Color.GREEN);
		}

	}

	static synchronized Path probeClipModel() {
		return models().resolve("probe-clip.onnx");
	}

	static synchronized Path yolov8Model() {
		return models().resolve("yolov8.onnx");
	}

	static synchronized Path ultrafaceModel() {
		return models().resolve("ultraface.onnx");
	}

	private static Path models() {
		try {
			if (models == null) {
				models = Files.createTempDirectory("scene-person-models");
				ProbeClipModel.write(models.resolve("probe-clip.onnx"), 512);
				GeneratedDetectorModel.writeYolov8(models.resolve("yolov8.onnx"));
				GeneratedDetectorModel.writeUltraface(models.resolve("ultraface.onnx"));
			}
			return models;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PNG of a dark image with these persons on it. */
	static byte[] png(int width, int height, Person... persons) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(20, 20, 20));
		graphics.fillRect(0, 0, width, height);
		for (Person person : persons) {
			graphics.setColor(person.colour());
			graphics.fillRect(person.x1(), person.y1(), person.x2() - person.x1(), person.y2() - person.y1());
			graphics.setColor(Color.BLUE);
			graphics.fillRect(person.x1(), person.y1(), (person.x2() - person.x1()) / 3, (person.y2() - person.y1()) / 3);
		}
		graphics.dispose();
		return encode(image);
	}

	static byte[] encode(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static BufferedImage decode(byte[] png) {
		try {
			return ImageIO.read(new ByteArrayInputStream(png));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A scene of a new READY video of the owner whose thumbnail the server serves at {@code path}. */
	UUID scene(UUID owner, String path, byte[] thumbnail) {
		UUID video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		UUID scene = UUID.randomUUID();
		this.server.serve(path, thumbnail, "image/png");
		this.jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url) VALUES (?, ?, ?, 0, ?)",
				scene, video, owner, this.server.url(path));
		return scene;
	}

	/** The crop of a stored box as the step must cut it: grown by the margin, whole pixels, clamped. */
	static CropBox crop(float[] box, double margin, int width, int height) {
		double growX = (box[2] - box[0]) * margin;
		double growY = (box[3] - box[1]) * margin;
		int left = (int) Math.max(0, Math.floor(box[0] - growX));
		int top = (int) Math.max(0, Math.floor(box[1] - growY));
		int right = (int) Math.min(width, Math.ceil(box[2] + growX));
		int bottom = (int) Math.min(height, Math.ceil(box[3] + growY));
		return new CropBox(left, top, right - left, bottom - top);
	}

	/** What the probe CLIP model gives for this part of the image. */
	static float[] probe(BufferedImage image, CropBox crop) {
		float[] tensor = new float[ClipImagePreprocessor.TENSOR_LENGTH];
		new ClipImagePreprocessor().preprocess(crop.cut(image), tensor, 0);
		return ProbeClipModel.expected(tensor);
	}

	/** pgvector's text form as floats. */
	static float[] vector(String text) {
		String[] values = text.substring(1, text.length() - 1).split(",");
		float[] vector = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			vector[i] = Float.parseFloat(values[i]);
		}
		return vector;
	}

}

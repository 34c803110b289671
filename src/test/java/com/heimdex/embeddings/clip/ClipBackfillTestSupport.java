package com.heimdex.embeddings.clip;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.heimdex.embeddings.testmodel.GeneratedClipModel;

import org.springframework.jdbc.core.JdbcTemplate;

/** Scenes, thumbnails and a model for the clipBackfill tests. */
public final class ClipBackfillTestSupport {

	private static Path model;

	private ClipBackfillTestSupport() {
	}

	/** A small generated model with the real input/output contract, made once per test JVM. */
	public static synchronized Path model() {
		if (model == null) {
			try {
				Path directory = Files.createTempDirectory("clip-test-model");
				model = directory.resolve("clip-test.onnx");
				GeneratedClipModel.writeSmall(model, 512, 42);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return model;
	}

	/** A 640x360 JPEG whose colour blocks depend on {@code seed}, so scenes get distinct vectors. */
	public static byte[] thumbnail(int seed) {
		BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		Random random = new Random(seed);
		for (int block = 0; block < 12; block++) {
			graphics.setColor(new Color(random.nextInt(0xFFFFFF)));
			graphics.fillRect(random.nextInt(600), random.nextInt(330), 40 + random.nextInt(400), 30 + random.nextInt(200));
		}
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpg", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static UUID video(JdbcTemplate jdbc, UUID owner) {
		UUID id = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", id, owner);
		return id;
	}

	/** Inserts a scene; ids ascend with {@code index} so keyset order is insertion order. */
	static UUID scene(JdbcTemplate jdbc, UUID video, UUID owner, int index, String thumbnailUrl) {
		UUID id = new UUID(0x5CE0_0000_0000_0000L | index, UUID.randomUUID().getLeastSignificantBits());
		jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url) VALUES (?, ?, ?, ?, ?)",
				id, video, owner, index, thumbnailUrl);
		return id;
	}

	static Map<String, Object> clipRow(JdbcTemplate jdbc, UUID scene) {
		return jdbc.queryForMap("""
				SELECT embedding_visual_clip IS NOT NULL AS embedded,
				  CASE WHEN embedding_visual_clip IS NULL THEN NULL ELSE vector_norm(embedding_visual_clip) END AS norm,
				  visual_clip_metadata->>'error' AS error, visual_clip_metadata->>'error_detail' AS error_detail,
				  (visual_clip_metadata->>'job_execution_id')::bigint AS execution,
				  visual_clip_metadata::text AS metadata
				FROM video_scenes WHERE id = ?""", scene);
	}

	static long embedded(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_visual_clip IS NOT NULL", Long.class);
	}

	static List<String> metadataKeys(JdbcTemplate jdbc, UUID scene) {
		return jdbc.queryForList("SELECT jsonb_object_keys(visual_clip_metadata) FROM video_scenes WHERE id = ?",
				String.class, scene);
	}

}

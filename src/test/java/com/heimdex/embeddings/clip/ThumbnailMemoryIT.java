package com.heimdex.embeddings.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.support.ApplicationJar;
import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.thumbnail.CameraImages;
import com.heimdex.embeddings.thumbnail.TestImages;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar under the container's memory settings ({@code @deploy/jvm.options} with the
 * CronJob's 1 GiB as {@code -XX:MaxRAM}: a heap of about 410 MB, 8 thumbnails prepared at once)
 * over thumbnails that are camera originals and extreme shapes among ordinary ones: preparation
 * memory is bounded by the decode budget, not by the images, so every scene is embedded. WebP and
 * CMYK JPEG thumbnails among them show the ImageIO plugins at work inside the jar.
 */
class ThumbnailMemoryIT {

	private static final int ORDINARY = 30;

	private static final int CAMERA = 16;

	private static final long ONE_GIB = 1L << 30;

	private TestDatabase database;

	private JdbcTemplate jdbc;

	private ThumbnailTestServer server;

	private Path logs;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestDatabase.create(ThumbnailMemoryIT.class);
		this.jdbc = this.database.jdbcTemplate();
		this.server = ThumbnailTestServer.start();
		this.logs = Files.createTempDirectory("thumbnail-memory-it");
	}

	@AfterEach
	void tearDown() {
		this.server.close();
		this.database.close();
	}

	/** The jar under the container's memory settings, with the test model and the local thumbnail server allowed. */
	private Process jar(String... args) throws IOException {
		return ApplicationJar.of(this.database, this.logs)
			.withJvmOptions("@deploy/jvm.options", "-XX:MaxRAM=1g")
			.withEnvironment(Map.of("CLIP_MODEL_PATH", ClipBackfillTestSupport.model().toString(),
					"THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true"))
			.start(args);
	}

	@Test
	void cameraOriginalsAndExtremeShapesAreEmbeddedWithinTheContainersMemory() throws Exception {
		// given: 6000x4000 camera JPEGs (5-6 MB each) and a 1x100000 PNG among ordinary thumbnails
		assertThat(jar("status").waitFor()).isZero();
		UUID owner = UUID.randomUUID();
		UUID video = ClipBackfillTestSupport.video(this.jdbc, owner);
		List<byte[]> originals = new ArrayList<>();
		for (int seed = 0; seed < 4; seed++) {
			originals.add(CameraImages.jpeg(6000, 4000, seed));
		}
		assertThat(originals).allSatisfy((jpeg) -> assertThat(jpeg.length).isBetween(5_000_000, 7_000_000));
		int index = 0;
		for (int i = 0; i < ORDINARY + CAMERA; i++) {
			boolean camera = i < 2 * CAMERA && i % 2 == 1;
			String path = (camera ? "/camera/" : "/ordinary/") + i + ".jpg";
			this.server.serve(path, camera ? originals.get(i % originals.size()) : ClipBackfillTestSupport.thumbnail(i),
					"image/jpeg");
			ClipBackfillTestSupport.scene(this.jdbc, video, owner, index++, this.server.url(path));
		}
		this.server.serve("/tall.png", TestImages.png(1, 100_000), "image/png");
		UUID tall = ClipBackfillTestSupport.scene(this.jdbc, video, owner, index++, this.server.url("/tall.png"));
		// and the formats object storage holds besides, decoded by ImageIO plugins inside the jar
		this.server.serve("/rocket.webp", ThumbnailFormatsTest.bytes("thumbnail_rocket_lossy.webp"), "image/webp");
		ClipBackfillTestSupport.scene(this.jdbc, video, owner, index++, this.server.url("/rocket.webp"));
		this.server.serve("/rocket-cmyk.jpg", ThumbnailFormatsTest.bytes("thumbnail_rocket_cmyk.jpg"), "image/jpeg");
		ClipBackfillTestSupport.scene(this.jdbc, video, owner, index++, this.server.url("/rocket-cmyk.jpg"));

		// when
		Process run = jar("start", "clipBackfill", "batchSize=10");
		long peakRssBytes = waitForPeakRss(run);

		// then
		assertThat(run.exitValue()).as("exit code, log in " + this.logs).isZero();
		assertThat(ClipBackfillTestSupport.embedded(this.jdbc)).isEqualTo(ORDINARY + CAMERA + 3);
		assertThat(this.jdbc.queryForList("""
				SELECT (visual_clip_metadata->>'source_width')::int AS width, count(*) AS scenes
				FROM video_scenes GROUP BY 1 ORDER BY 1""")).containsExactly(Map.of("width", 1, "scenes", 1L),
						Map.of("width", 640, "scenes", ORDINARY + 2L), Map.of("width", 6000, "scenes", (long) CAMERA));
		assertThat(ClipBackfillTestSupport.clipRow(this.jdbc, tall).get("error")).isNull();
		System.out.printf("peak RSS of a run over %d camera JPEGs of 6000x4000: %d MiB%n", CAMERA, peakRssBytes >> 20);
		assertThat(peakRssBytes).as("peak RSS").isLessThan(ONE_GIB);
	}

	/** Waits for the process to end, reading its peak resident set (VmHWM) while it runs. */
	private static long waitForPeakRss(Process process) throws Exception {
		Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
		long peak = 0;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
		while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
			assertThat(System.nanoTime()).as("run finished in time").isLessThan(deadline);
			try {
				for (String line : Files.readAllLines(status)) {
					if (line.startsWith("VmHWM:")) {
						peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
					}
				}
			}
			catch (IOException ex) {
				// ended meanwhile
			}
		}
		return peak;
	}


}

package com.heimdex.embeddings.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.heimdex.embeddings.lexical.LexicalCoverageRepository;
import com.heimdex.embeddings.scene.SceneCoverageRepository;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.spec.SpecCoverage;
import com.heimdex.embeddings.support.DatabaseTest;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

class CoverageMetersTest extends DatabaseTest {

	@Autowired
	private SceneCoverageRepository sceneCoverage;

	@Autowired
	private SpecCoverage specCoverage;

	@Autowired
	private EmbeddingSpecs specs;

	@Autowired
	private LexicalCoverageRepository lexicalCoverage;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@BeforeEach
	void oneSceneWithAThumbnailAndNoEmbedding() {
		this.jdbc.update("TRUNCATE videos CASCADE");
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		this.jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url)"
				+ " VALUES (?, ?, ?, 0, 'https://thumbnails.example/0.jpg')", UUID.randomUUID(), video, owner);
	}

	@Test
	void coverageIsReadAndSetWhenTheMetricsArePushed() {
		// when
		coverageMeters(true).record(RunCoverage.SCENE_EMBEDDINGS, Tags.of("batch_job", "clipBackfill"));

		// then
		assertThat(this.registry.get("scene.embedding.coverage.ratio").tag("embedding", "clip").gauge().value())
			.isZero();
	}

	@Test
	void noGaugeIsReadWhenNothingPushesTheMetrics() {
		// when
		coverageMeters(false).record(RunCoverage.SCENE_EMBEDDINGS, Tags.of("batch_job", "clipBackfill"));
		coverageMeters(false).record(RunCoverage.SPEC, Tags.of("batch_job", "reprocess"));
		coverageMeters(false).lastSuccess("clipBackfill", "0", Tags.of("batch_job", "clipBackfill"));

		// then
		assertThat(this.registry.getMeters()).isEmpty();
	}

	private CoverageMeters coverageMeters(boolean pushed) {
		return new CoverageMeters(new RunMeters(this.registry), this.sceneCoverage, this.specCoverage, this.specs,
				this.lexicalCoverage, this.jdbc, pushed);
	}

}

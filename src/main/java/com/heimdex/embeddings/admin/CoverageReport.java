package com.heimdex.embeddings.admin;

import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.lexical.LexicalCoverage;
import com.heimdex.embeddings.lexical.LexicalCoverageRepository;
import com.heimdex.embeddings.scene.SceneCoverage;
import com.heimdex.embeddings.scene.SceneCoverageRepository;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.spec.SpecCoverage;
import com.heimdex.embeddings.spec.SpecStep;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Coverage, error distributions and the embedding spec as the API and the page show them: the
 * numbers {@code status} prints (the same queries), plus text errors by channel.
 */
@Component
@ConditionalOnWebApplication
class CoverageReport {

	private final SceneCoverageRepository sceneCoverage;

	private final SpecCoverage specCoverage;

	private final EmbeddingSpecs specs;

	private final LexicalCoverageRepository lexicalCoverage;

	private final JdbcTemplate jdbcTemplate;

	CoverageReport(SceneCoverageRepository sceneCoverage, SpecCoverage specCoverage, EmbeddingSpecs specs,
			LexicalCoverageRepository lexicalCoverage, JdbcTemplate jdbcTemplate) {
		this.sceneCoverage = sceneCoverage;
		this.lexicalCoverage = lexicalCoverage;
		this.specCoverage = specCoverage;
		this.specs = specs;
		this.jdbcTemplate = jdbcTemplate;
	}

	/** One embedding channel: how many rows have what they need, how many are embedded. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Channel(String channel, long eligible, long embedded, double coveragePct) {
	}

	/** One error code of one channel and how many rows carry it. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record ErrorCount(String channel, String error, long count) {
	}

	/** One table at the current spec. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record SpecTable(String table, long rows, long current, double coveragePct, String note) {
	}

	/**
	 * @param scenes all scenes
	 * @param noThumbnail scenes without a thumbnail (never fetched)
	 * @param channels CLIP, each text channel, and the lexical index (scenes whose search document is current)
	 * @param errors CLIP errors (seeds/000's distribution), text errors by channel and lexical index errors,
 * most frequent first within each
	 * @param specVersion the current spec's version
	 * @param specFingerprint the current spec's fingerprint
	 * @param atCurrentSpec each table's rows at the current spec (videos, scenes, persons, photos)
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Coverage(long scenes, long noThumbnail, List<Channel> channels, List<ErrorCount> errors,
			String specVersion, String specFingerprint, List<SpecTable> atCurrentSpec) {
	}

	/** The current spec and each step's method. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Spec(String version, String fingerprint, List<Step> steps) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Step(String name, String description, boolean enabled, String offReason, String fingerprint,
			Map<String, String> identity) {
	}

	Coverage coverage() {
		SceneCoverage scenes = this.sceneCoverage.coverage();
		List<Channel> channels = new java.util.ArrayList<>();
		channels.add(new Channel("clip", scenes.withThumbnail(), scenes.withClip(), scenes.clipCoveragePercent()));
		scenes.channels()
			.forEach((text) -> channels.add(new Channel("text_" + text.channel(), text.withText(), text.embedded(),
					text.coveragePercent())));
		LexicalCoverage lexical = this.lexicalCoverage.coverage();
		channels.add(new Channel("lexical", lexical.scenes(), lexical.current(),
				Math.round(lexical.currentPercent() * 100) / 100.0));
		List<ErrorCount> errors = new java.util.ArrayList<>();
		scenes.errors().forEach((error) -> errors.add(new ErrorCount("clip", error.error(), error.count())));
		errors.addAll(textErrors());
		lexical.errorsByCode().forEach((code, count) -> errors.add(new ErrorCount("lexical", code, count)));
		errors.addAll(scenePersonErrors());
		EmbeddingSpec spec = this.specs.current();
		List<SpecTable> tables = this.specCoverage.coverage(spec)
			.stream()
			.map((table) -> new SpecTable(table.table(), table.rows(), table.current(),
					Math.round(table.percent() * 100) / 100.0, table.note()))
			.toList();
		return new Coverage(scenes.scenes(), scenes.noThumbnail(), channels, errors, spec.version(),
				spec.fingerprint(), tables);
	}

	Spec spec() {
		EmbeddingSpec spec = this.specs.current();
		return new Spec(spec.version(), spec.fingerprint(), spec.steps().stream().map(CoverageReport::step).toList());
	}

	private static Step step(SpecStep step) {
		return new Step(step.name(), step.description(), step.enabled(), step.offReason(),
				step.enabled() ? step.fingerprint() : null, step.identity());
	}

	/** The scenePersons step's failures by code (the scene keeps its previous detections). */
	private List<ErrorCount> scenePersonErrors() {
		return this.jdbcTemplate.query("""
				SELECT scene_persons_metadata ->> 'error' AS error, COUNT(*) AS count FROM video_scenes
				WHERE scene_persons_metadata ->> 'error' IS NOT NULL
				GROUP BY 1 ORDER BY count DESC, 1""",
				(rs, row) -> new ErrorCount("scene_persons", rs.getString(1), rs.getLong(2)));
	}

	/** jobs.md's text error distribution by channel. */
	private List<ErrorCount> textErrors() {
		return this.jdbcTemplate.query("""
				SELECT c.channel, c.entry->>'error' AS error, COUNT(*) AS count
				FROM video_scenes, jsonb_each(text_embedding_metadata) AS c(channel, entry)
				WHERE jsonb_typeof(text_embedding_metadata) = 'object' AND c.entry->>'error' IS NOT NULL
				GROUP BY c.channel, c.entry->>'error'
				ORDER BY count DESC, 1, 2""",
				(rs, row) -> new ErrorCount("text_" + rs.getString(1), rs.getString(2), rs.getLong(3)));
	}

}

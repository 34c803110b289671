package com.heimdex.embeddings.sceneperson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

class SearchScenesByPersonTest extends DatabaseTest {

	private static final String SEARCH = """
			SELECT * FROM search_scenes_by_person(person_id => ?, match_threshold => ?, match_count => ?,
			                                      filter_user_id => ?)""";

	@Autowired
	private ScenePersonRepository repository;

	private UUID owner;

	private UUID person;

	private UUID close;

	private UUID closer;

	@BeforeEach
	void scenesWithDetections() {
		// given: a person, a scene with it at 0.95 and another person at 0.5, a scene with it at 0.9,
		// a scene with only someone else (0.3)
		this.jdbc.update("TRUNCATE videos, persons CASCADE");
		this.owner = UUID.randomUUID();
		this.person = ScenePersonsTestData.person(this.jdbc, this.owner, ScenePersonsTestData.vector(0, 1));
		this.closer = ScenePersonsTestData.scene(this.jdbc, this.owner);
		this.close = ScenePersonsTestData.scene(this.jdbc, this.owner);
		UUID other = ScenePersonsTestData.scene(this.jdbc, this.owner);
		this.repository.write(List.of(scene(this.closer, box(0, 0.95), box(300, 0.5)), scene(this.close, box(0, 0.9)),
				scene(other, box(0, 0.3))), "{}", "spec", 0.92);
	}

	@Test
	void findsTheOwnersScenesWithThePersonBestFirstWithTheirBestDetection() {
		List<Map<String, Object>> found = this.jdbc.queryForList(SEARCH, this.person, 0.8, 10, this.owner);

		assertThat(found).extracting((row) -> row.get("id")).containsExactly(this.closer, this.close);
		assertThat((Double) found.get(0).get("similarity")).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-5));
		assertThat(found.get(0).get("bbox").toString()).contains("\"x1\": 0.0");
		assertThat(found).extracting((row) -> row.get("matched")).containsExactly(true, false);
		assertThat(this.jdbc.queryForList(SEARCH, this.person, 0.8, 1, this.owner)).hasSize(1);
		assertThat(this.jdbc.queryForList(SEARCH, this.person, 0.99, 10, this.owner)).isEmpty();
	}

	@Test
	void aNullOwnerIsRefused() {
		assertThatThrownBy(() -> this.jdbc.queryForList(SEARCH, this.person, 0.0, 10, null))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("filter_user_id is required");
	}

	@Test
	void anotherOwnersPersonFindsNothing() {
		// given: a person of another owner with the very same query
		UUID stranger = ScenePersonsTestData.person(this.jdbc, UUID.randomUUID(), ScenePersonsTestData.vector(0, 1));

		// then: not through the owner's filter, not through the stranger's own (it has no scenes)
		assertThat(this.jdbc.queryForList(SEARCH, stranger, 0.0, 10, this.owner)).isEmpty();
		assertThat(this.jdbc.queryForList(SEARCH, this.person, 0.0, 10, UUID.randomUUID())).isEmpty();
	}

	private ScenePersonsResult scene(UUID scene, SceneDetection... detections) {
		return ScenePersonRepositoryTest.success(scene, this.owner, detections);
	}

	private static SceneDetection box(float x1, double similarity) {
		return new SceneDetection(new PersonBox(x1, 0, x1 + 100, 200, 0.9f, 640, 360),
				ScenePersonsTestData.vector(0, similarity));
	}

}

package com.heimdex.embeddings.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

class SceneKeysetReaderTest extends DatabaseTest {

	/** Scenes with scene_index below this match the reader's condition. */
	private static final int MATCHING_BELOW = 13;

	@Autowired
	private DataSource dataSource;

	private List<UUID> matching;

	@BeforeEach
	void twentyScenesThirteenMatching() {
		this.jdbc.update("TRUNCATE videos CASCADE");
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		for (int index = 0; index < 20; index++) {
			this.jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index) VALUES (?, ?, ?, ?)",
					UUID.randomUUID(), video, owner, index);
		}
		// PostgreSQL's order of uuids (unsigned bytes), which is not UUID.compareTo's
		this.matching = this.jdbc.queryForList("SELECT id FROM video_scenes WHERE scene_index < ? ORDER BY id",
				UUID.class, MATCHING_BELOW);
	}

	@Test
	void readsEveryMatchingSceneInIdOrderOverSeveralWindowsAndPages() {
		// given windows of 5 ids and pages of 3 rows
		SceneKeysetReader<UUID> reader = reader(3, 5);
		reader.open(new ExecutionContext());

		// when
		List<UUID> read = readAll(reader);

		// then
		assertThat(read).containsExactlyElementsOf(this.matching);
	}

	@Test
	void aRestartContinuesAfterTheLastSceneHandedOutWhateverThePageSize() throws Exception {
		// given a run that handed out 7 scenes (in the middle of its second window) and saved its state
		SceneKeysetReader<UUID> first = reader(3, 5);
		ExecutionContext state = new ExecutionContext();
		first.open(state);
		for (int i = 0; i < 7; i++) {
			first.read();
		}
		first.update(state);
		first.close();

		// when a restart reads with other pages and windows
		SceneKeysetReader<UUID> restart = reader(4, 2);
		restart.open(state);
		List<UUID> rest = readAll(restart);

		// then
		assertThat(rest).containsExactlyElementsOf(this.matching.subList(7, this.matching.size()));
	}

	@Test
	void aSceneThatStopsMatchingAfterItsWindowWasReadIsNotHandedOut() throws Exception {
		// given a reader whose first window (5 ids) is read, with the first page
		SceneKeysetReader<UUID> reader = reader(3, 5);
		reader.open(new ExecutionContext());
		UUID firstRead = reader.read();

		// when the fifth matching scene (in the window, not yet in a page) stops matching
		UUID leaving = this.matching.get(4);
		this.jdbc.update("UPDATE video_scenes SET scene_index = 100 WHERE id = ?", leaving);
		List<UUID> read = new ArrayList<>(List.of(firstRead));
		read.addAll(readAll(reader));

		// then
		List<UUID> expected = new ArrayList<>(this.matching);
		expected.remove(leaving);
		assertThat(read).containsExactlyElementsOf(expected);
	}

	@Test
	void anEmptySelectionReadsNothing() throws Exception {
		// given
		this.jdbc.update("UPDATE video_scenes SET scene_index = 100");
		SceneKeysetReader<UUID> reader = reader(3, 5);
		reader.open(new ExecutionContext());

		// when / then
		assertThat(reader.read()).isNull();
	}

	private SceneKeysetReader<UUID> reader(int pageSize, int idWindow) {
		return new SceneKeysetReader<>("scenes", this.dataSource, "SELECT id", List.of("scene_index < :below"),
				Map.of("below", MATCHING_BELOW), (row, i) -> row.getObject("id", UUID.class), (id) -> id, pageSize,
				null, idWindow);
	}

	private static List<UUID> readAll(SceneKeysetReader<UUID> reader) {
		List<UUID> read = new ArrayList<>();
		try {
			for (UUID id = reader.read(); id != null; id = reader.read()) {
				read.add(id);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		reader.close();
		return read;
	}

}

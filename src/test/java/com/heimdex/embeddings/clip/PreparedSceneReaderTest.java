package com.heimdex.embeddings.clip;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.scene.PendingScene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreparedSceneReaderTest {

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	private final ItemProcessor<PendingScene, PreparedScene> preparer = (scene) -> PreparedScene.failed(scene,
			"prepared", scene.thumbnailUrl());

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void readsAheadBoundedButSavesThePositionOfTheLastSceneHandedOut() throws Exception {
		// given
		CountingScenes scenes = new CountingScenes(20);
		PreparedSceneReader reader = new PreparedSceneReader(scenes, this.preparer, this.executor, 4);
		reader.open(new ExecutionContext());

		// when
		List<String> handedOut = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			handedOut.add(reader.read().errorDetail());
		}
		waitUntilRead(scenes, 3 + 4);
		ExecutionContext saved = new ExecutionContext();
		reader.update(saved);
		reader.close();

		// then
		assertThat(handedOut).containsExactly("scene-0", "scene-1", "scene-2");
		assertThat(scenes.readSoFar()).isBetween(7, 3 + 4 + 1);
		assertThat(saved.getInt("scenes.read.count")).isEqualTo(3);
	}

	@Test
	void aReopenedReaderContinuesAfterTheLastSceneHandedOut() throws Exception {
		// given
		PreparedSceneReader first = new PreparedSceneReader(new CountingScenes(10), this.preparer, this.executor, 5);
		first.open(new ExecutionContext());
		first.read();
		first.read();
		ExecutionContext saved = new ExecutionContext();
		first.update(saved);
		first.close();

		// when
		PreparedSceneReader second = new PreparedSceneReader(new CountingScenes(10), this.preparer, this.executor, 5);
		second.open(saved);
		List<String> rest = new ArrayList<>();
		for (PreparedScene scene = second.read(); scene != null; scene = second.read()) {
			rest.add(scene.errorDetail());
		}
		second.close();

		// then
		assertThat(rest).containsExactly("scene-2", "scene-3", "scene-4", "scene-5", "scene-6", "scene-7", "scene-8",
				"scene-9");
		assertThat(second.read()).isNull();
	}

	@Test
	void withoutLookaheadReadsAndPreparesOnlyWhenAsked() throws Exception {
		// given
		CountingScenes scenes = new CountingScenes(5);
		PreparedSceneReader reader = new PreparedSceneReader(scenes, this.preparer, this.executor, 0);
		reader.open(new ExecutionContext());

		// when
		PreparedScene scene = reader.read();
		Thread.sleep(50);

		// then
		assertThat(scene.errorDetail()).isEqualTo("scene-0");
		assertThat(scenes.readSoFar()).isEqualTo(1);
		reader.close();
	}

	@Test
	void aFailingPreparationFailsTheReadOfThatScene() throws Exception {
		// given
		ItemProcessor<PendingScene, PreparedScene> failing = (scene) -> {
			if (scene.sceneIndex() == 1) {
				throw new IllegalStateException("broken preprocessing");
			}
			return this.preparer.process(scene);
		};
		PreparedSceneReader reader = new PreparedSceneReader(new CountingScenes(5), failing, this.executor, 3);
		reader.open(new ExecutionContext());

		// when / then
		assertThat(reader.read().errorDetail()).isEqualTo("scene-0");
		assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class).hasMessage("broken preprocessing");
		reader.close();
	}

	private static void waitUntilRead(CountingScenes scenes, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (scenes.readSoFar() < count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		Thread.sleep(50);
	}

	/** Scenes 0..count-1 with restart state kept as a read count, as Spring Batch's readers keep it. */
	private static final class CountingScenes extends AbstractItemCountingItemStreamItemReader<PendingScene> {

		private final int count;

		private volatile int next;

		CountingScenes(int count) {
			this.count = count;
			setName("scenes");
		}

		int readSoFar() {
			return this.next;
		}

		@Override
		protected PendingScene doRead() {
			if (this.next >= this.count) {
				return null;
			}
			int index = this.next++;
			return new PendingScene(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), index, "scene-" + index);
		}

		@Override
		protected void jumpToItem(int itemIndex) {
			this.next = itemIndex;
		}

		@Override
		protected void doOpen() {
		}

		@Override
		protected void doClose() {
		}

	}

}

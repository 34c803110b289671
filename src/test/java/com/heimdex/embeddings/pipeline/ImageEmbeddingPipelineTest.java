package com.heimdex.embeddings.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import com.heimdex.embeddings.scene.PendingClipScene;
import com.heimdex.embeddings.thumbnail.ThumbnailFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class ImageEmbeddingPipelineTest {

	private static final BatchEmbedding<PendingClipScene> NOT_EMBEDDED = BatchEmbedding.none();

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	private final ItemProcessor<PendingClipScene, PreparedImage<PendingClipScene>> preparer = (scene) -> PreparedImage
		.failed(scene, prepared(scene.thumbnailUrl()));

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void readsAheadBoundedButSavesThePositionOfTheLastSceneHandedOut() throws Exception {
		// given
		CountingScenes scenes = new CountingScenes(20);
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(scenes, this.preparer, this.executor, NOT_EMBEDDED, 4, 2, 0);
		reader.open(new ExecutionContext());

		// when
		List<String> handedOut = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			handedOut.add(reader.read().failure().detail());
		}
		waitUntilRead(scenes, 3 + 2 + 4);
		ExecutionContext saved = new ExecutionContext();
		reader.update(saved);
		reader.close();

		// then
		assertThat(handedOut).containsExactly("scene-0", "scene-1", "scene-2");
		// handed out, waiting for the step, two batches of one held by the embedding thread, being
		// prepared, held by the feeder
		assertThat(scenes.readSoFar()).isBetween(3 + 2 + 4, 3 + 2 + 2 + 4 + 1);
		assertThat(saved.getInt("scenes.read.count")).isEqualTo(3);
	}

	@Test
	void aReopenedReaderContinuesAfterTheLastSceneHandedOut() throws Exception {
		// given
		ImageEmbeddingPipeline<PendingClipScene> first = new ImageEmbeddingPipeline<>(new CountingScenes(10), this.preparer, this.executor,
				NOT_EMBEDDED, 5, 10, 0);
		first.open(new ExecutionContext());
		first.read();
		first.read();
		ExecutionContext saved = new ExecutionContext();
		first.update(saved);
		first.close();

		// when
		ImageEmbeddingPipeline<PendingClipScene> second = new ImageEmbeddingPipeline<>(new CountingScenes(10), this.preparer, this.executor,
				NOT_EMBEDDED, 5, 10, 0);
		second.open(saved);
		List<String> rest = new ArrayList<>();
		for (PreparedImage<PendingClipScene> scene = second.read(); scene != null; scene = second.read()) {
			rest.add(scene.failure().detail());
		}
		second.close();

		// then
		assertThat(rest).containsExactly("scene-2", "scene-3", "scene-4", "scene-5", "scene-6", "scene-7", "scene-8",
				"scene-9");
		assertThat(second.read()).isNull();
	}

	@Test
	void aClosedReaderOpenedAgainReadsFromTheGivenState() throws Exception {
		// given
		CountingScenes scenes = new CountingScenes(6);
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(scenes, this.preparer, this.executor, NOT_EMBEDDED, 3, 3, 0);
		reader.open(new ExecutionContext());
		reader.read();
		ExecutionContext saved = new ExecutionContext();
		reader.update(saved);
		reader.close();

		// when
		reader.open(saved);
		List<String> rest = new ArrayList<>();
		for (PreparedImage<PendingClipScene> scene = reader.read(); scene != null; scene = reader.read()) {
			rest.add(scene.failure().detail());
		}
		reader.close();

		// then
		assertThat(rest).containsExactly("scene-1", "scene-2", "scene-3", "scene-4", "scene-5");
	}

	@Test
	void withoutLookaheadReadsAndPreparesOnlyWhenAsked() throws Exception {
		// given
		CountingScenes scenes = new CountingScenes(5);
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(scenes, this.preparer, this.executor, NOT_EMBEDDED, 0, 10, 0);
		reader.open(new ExecutionContext());

		// when
		PreparedImage<PendingClipScene> scene = reader.read();
		Thread.sleep(50);

		// then
		assertThat(scene.failure().detail()).isEqualTo("scene-0");
		assertThat(scenes.readSoFar()).isEqualTo(1);
		reader.close();
	}

	@Test
	void aFailingPreparationFailsTheReadOfThatScene() throws Exception {
		// given
		ItemProcessor<PendingClipScene, PreparedImage<PendingClipScene>> failing = (scene) -> {
			if (scene.sceneIndex() == 1) {
				throw new IllegalStateException("broken preprocessing");
			}
			return this.preparer.process(scene);
		};
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(new CountingScenes(5), failing, this.executor,
				NOT_EMBEDDED, 3, 10, 0);
		reader.open(new ExecutionContext());

		// when / then
		assertThat(reader.read().failure().detail()).isEqualTo("scene-0");
		assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class).hasMessage("broken preprocessing");
		reader.close();
	}

	@Test
	void embedsPreparedScenesInBatchesAheadOfTheStepAndHandsThemOutInOrder() throws Exception {
		// given
		CountingScenes scenes = new CountingScenes(40);
		RecordingEmbedding embedding = new RecordingEmbedding(4);
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(scenes, this.preparer, this.executor,
				embedding, 8, 6, 0);
		reader.open(new ExecutionContext());

		// when
		List<PreparedImage<PendingClipScene>> handedOut = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			handedOut.add(reader.read());
		}
		waitUntil(() -> embedding.embedded() >= 5 + 6);
		int embeddedAhead = embedding.embedded();
		ExecutionContext saved = new ExecutionContext();
		reader.update(saved);
		for (PreparedImage<PendingClipScene> scene = reader.read(); scene != null; scene = reader.read()) {
			handedOut.add(scene);
		}
		reader.close();

		// then
		assertThat(embedding.warmedUp).isTrue();
		assertThat(handedOut).extracting(ImageEmbeddingPipelineTest::detail)
			.containsExactlyElementsOf(IntStream.range(0, 40).mapToObj((i) -> "scene-" + i).toList());
		assertThat(handedOut).extracting(ImageEmbeddingPipelineTest::code).containsOnly("embedded");
		assertThat(embedding.batchSizes).allSatisfy((size) -> assertThat(size).isBetween(1, 4));
		assertThat(embedding.mostUnfinished).isBetween(1, 2);
		// handed out, waiting for the step, a batch waiting to be passed on, a batch started behind it
		assertThat(embeddedAhead).isBetween(5 + 6, 5 + 6 + 4 + 4);
		assertThat(saved.getInt("scenes.read.count")).isEqualTo(5);
	}

	@Test
	void aBatchEndsWhereTheFirstChunkEnds() throws Exception {
		// given: twenty scenes all prepared by the time the model is loaded, batches of up to four,
		// chunks of six
		CountingScenes scenes = new CountingScenes(20);
		RecordingEmbedding embedding = new RecordingEmbedding(4) {

			@Override
			public void warmUp() {
				try {
					waitUntilRead(scenes, 20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(scenes, this.preparer, this.executor,
				embedding, 20, 10, 6);
		reader.open(new ExecutionContext());

		// when
		int handedOut = 0;
		while (reader.read() != null) {
			handedOut++;
		}
		reader.close();

		// then: the first chunk's last two scenes are a batch of their own; later batches cross
		// chunk boundaries (scene 12 ends the second chunk inside the fourth batch)
		assertThat(handedOut).isEqualTo(20);
		assertThat(embedding.batchSizes).containsExactly(4, 2, 4, 4, 4, 2);
	}

	@Test
	void aRunWithNothingToEmbedNeverLoadsTheModel() throws Exception {
		// given
		RecordingEmbedding embedding = new RecordingEmbedding(4);
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(new CountingScenes(0), this.preparer,
				this.executor, embedding, 8, 6, 6);
		reader.open(new ExecutionContext());

		// when
		PreparedImage<PendingClipScene> read = reader.read();
		reader.close();

		// then
		assertThat(read).isNull();
		assertThat(embedding.warmedUp).isFalse();
		assertThat(embedding.batchSizes).isEmpty();
	}

	@Test
	void aFailingEmbeddingFailsTheReadAfterTheScenesEmbeddedBeforeIt() throws Exception {
		// given
		RecordingEmbedding failing = new RecordingEmbedding(1) {

			@Override
			public Started<PendingClipScene> start(List<PreparedImage<PendingClipScene>> scenes) {
				if (scenes.get(0).item().sceneIndex() == 2) {
					throw new IllegalStateException("model cannot be loaded");
				}
				return super.start(scenes);
			}

		};
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(new CountingScenes(5), this.preparer, this.executor,
				failing, 3, 3, 0);
		reader.open(new ExecutionContext());

		// when / then
		assertThat(reader.read().failure().detail()).isEqualTo("scene-0");
		assertThat(reader.read().failure().detail()).isEqualTo("scene-1");
		assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class).hasMessage("model cannot be loaded");
		reader.close();
	}

	@Test
	void withoutLookaheadEmbedsEachSceneWhenAsked() throws Exception {
		// given
		RecordingEmbedding embedding = new RecordingEmbedding(4);
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(new CountingScenes(5), this.preparer, this.executor,
				embedding, 0, 0, 0);
		reader.open(new ExecutionContext());

		// when
		PreparedImage<PendingClipScene> scene = reader.read();
		Thread.sleep(50);

		// then
		assertThat(code(scene)).isEqualTo("embedded");
		assertThat(embedding.batchSizes).containsExactly(1);
		reader.close();
	}

	@Test
	void preparesOnlyAFewScenesAtOnceWhileTheModelLoads() throws Exception {
		// given: a pool of eight threads, and a model that loads until told to finish
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch loaded = new CountDownLatch(1);
		AtomicInteger preparing = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		ItemProcessor<PendingClipScene, PreparedImage<PendingClipScene>> slow = (scene) -> {
			mostAtOnce.accumulateAndGet(preparing.incrementAndGet(), Math::max);
			Thread.sleep(20);
			preparing.decrementAndGet();
			return PreparedImage.failed(scene, prepared(scene.thumbnailUrl()));
		};
		RecordingEmbedding loading = new RecordingEmbedding(4) {

			@Override
			public void warmUp() {
				try {
					loaded.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
		CountingScenes scenes = new CountingScenes(40);
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(scenes, slow, pool, loading, 40, 40, 0);

		// when: the model loads for a while, then is loaded
		reader.open(new ExecutionContext());
		Thread.sleep(300);
		int mostWhileLoading = mostAtOnce.get();
		int readWhileLoading = scenes.readSoFar();
		loaded.countDown();
		int handedOut = 0;
		while (reader.read() != null) {
			handedOut++;
		}
		reader.close();
		pool.shutdownNow();

		// then: two at a time while it loaded, the whole pool after
		assertThat(mostWhileLoading).isEqualTo(ImageEmbeddingPipeline.PREPARING_WHILE_LOADING);
		assertThat(readWhileLoading).as("scenes read while the model loads").isGreaterThanOrEqualTo(4);
		assertThat(mostAtOnce.get()).isGreaterThan(ImageEmbeddingPipeline.PREPARING_WHILE_LOADING);
		assertThat(handedOut).isEqualTo(40);
	}

	@Test
	void aModelThatCannotLoadLetsThePreparationsGoOnAndFailsTheRead() throws Exception {
		// given
		RecordingEmbedding failing = new RecordingEmbedding(4) {

			@Override
			public void warmUp() {
				throw new IllegalStateException("no model");
			}

		};
		ImageEmbeddingPipeline<PendingClipScene> reader = new ImageEmbeddingPipeline<>(new CountingScenes(10), this.preparer, this.executor,
				failing, 5, 5, 0);
		reader.open(new ExecutionContext());

		// when / then
		assertThatThrownBy(reader::read).hasMessageContaining("no model");
		reader.close();
	}

	private static void waitUntilRead(CountingScenes scenes, int count) throws InterruptedException {
		waitUntil(() -> scenes.readSoFar() >= count);
	}

	private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		Thread.sleep(50);
	}

	/** What the test's preparer gives every scene: a failure whose detail names the scene. */
	private static ImageFailure prepared(String detail) {
		return new ImageFailure.Unavailable(ThumbnailFailure.NOT_FOUND, detail);
	}

	private static String detail(PreparedImage<PendingClipScene> scene) {
		return scene.failure().detail();
	}

	/** "prepared" as the preparer left it, "embedded" once the test's embedding passed it on. */
	private static String code(PreparedImage<PendingClipScene> scene) {
		return (scene.failure() instanceof ImageFailure.InferenceFailed) ? "embedded" : "prepared";
	}

	/** Marks each scene embedded and records the batches it was given and how many ran at once. */
	private static class RecordingEmbedding implements BatchEmbedding<PendingClipScene> {

		final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

		volatile boolean warmedUp;

		volatile int mostUnfinished;

		private final int maxBatch;

		private final AtomicInteger embedded = new AtomicInteger();

		private final AtomicInteger unfinished = new AtomicInteger();

		RecordingEmbedding(int maxBatch) {
			this.maxBatch = maxBatch;
		}

		@Override
		public int maxBatch() {
			return this.maxBatch;
		}

		@Override
		public void warmUp() {
			this.warmedUp = true;
		}

		@Override
		public Started<PendingClipScene> start(List<PreparedImage<PendingClipScene>> scenes) {
			this.batchSizes.add(scenes.size());
			this.embedded.addAndGet(scenes.size());
			this.mostUnfinished = Math.max(this.mostUnfinished, this.unfinished.incrementAndGet());
			return () -> {
				this.unfinished.decrementAndGet();
				return scenes.stream().map((scene) -> scene.inferenceFailed(new ImageFailure.InferenceFailed(false, scene.failure().detail()))).toList();
			};
		}

		int embedded() {
			return this.embedded.get();
		}

	}

	/** Scenes 0..count-1 with restart state kept as a read count, as Spring Batch's readers keep it. */
	private static final class CountingScenes extends AbstractItemCountingItemStreamItemReader<PendingClipScene> {

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
		protected PendingClipScene doRead() {
			if (this.next >= this.count) {
				return null;
			}
			int index = this.next++;
			return new PendingClipScene(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), index, "scene-" + index);
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

package com.heimdex.embeddings.clip;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.scene.PendingScene;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Pending scenes with their thumbnails prepared (fetched, decoded, preprocessed). With a
 * lookahead, a feeder thread reads up to that many scenes ahead of the step and prepares them on
 * the executor, so the next chunks' thumbnails are ready while the model embeds the current one;
 * without, each scene is read and prepared when the step asks for it.
 * <p>
 * Restart state is the pending-scene reader's own state as it was right after it read the last
 * scene handed to the step: scenes read ahead but not committed are read again after a crash.
 */
final class PreparedSceneReader implements ItemStreamReader<PreparedScene> {

	private static final long CLOSE_WAIT_SECONDS = 30;

	private final ItemStreamReader<PendingScene> scenes;

	private final ItemProcessor<PendingScene, PreparedScene> preparer;

	private final Executor executor;

	private final BlockingQueue<Ahead> ahead;

	private volatile boolean closed;

	private Thread feeder;

	private boolean exhausted;

	/** The scene reader's state after reading the last scene handed out. */
	private ExecutionContext handedOut = new ExecutionContext();

	/**
	 * @param lookahead scenes read and prepared ahead of the step; 0 prepares each scene on the
	 * step's thread when asked for
	 */
	PreparedSceneReader(ItemStreamReader<PendingScene> scenes, ItemProcessor<PendingScene, PreparedScene> preparer,
			Executor executor, int lookahead) {
		this.scenes = scenes;
		this.preparer = preparer;
		this.executor = executor;
		this.ahead = (lookahead > 0) ? new ArrayBlockingQueue<>(lookahead) : null;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.scenes.open(executionContext);
		this.handedOut = stateOfScenes();
		if (this.ahead != null) {
			this.feeder = new Thread(this::feed, "scene-prefetch");
			this.feeder.setDaemon(true);
			this.feeder.start();
		}
	}

	@Override
	public PreparedScene read() throws Exception {
		if (this.exhausted) {
			return null;
		}
		if (this.ahead == null) {
			PendingScene scene = this.scenes.read();
			this.exhausted = (scene == null);
			return (scene != null) ? this.preparer.process(scene) : null;
		}
		Ahead next = this.ahead.take();
		if (next.failure() != null) {
			throw next.failure();
		}
		PreparedScene scene = (next.scene() != null) ? await(next.scene()) : null;
		this.exhausted = (scene == null);
		this.handedOut = next.stateAfter();
		return scene;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		if (this.ahead == null) {
			this.scenes.update(executionContext);
			return;
		}
		for (Map.Entry<String, Object> entry : this.handedOut.entrySet()) {
			executionContext.put(entry.getKey(), entry.getValue());
		}
	}

	@Override
	public void close() {
		this.closed = true;
		if (this.feeder != null) {
			this.feeder.interrupt();
			try {
				this.feeder.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.ahead.forEach((item) -> {
				if (item.scene() != null) {
					item.scene().cancel(true);
				}
			});
			this.ahead.clear();
		}
		this.scenes.close();
	}

	/** The feeder: reads scenes in order and queues their preparation, until the end or close. */
	private void feed() {
		try {
			while (!this.closed) {
				PendingScene scene;
				try {
					scene = this.scenes.read();
				}
				catch (Exception ex) {
					this.ahead.put(new Ahead(null, null, ex));
					return;
				}
				ExecutionContext state = stateOfScenes();
				if (scene == null) {
					this.ahead.put(new Ahead(null, state, null));
					return;
				}
				this.ahead.put(new Ahead(CompletableFuture.supplyAsync(() -> prepare(scene), this.executor), state, null));
			}
		}
		catch (InterruptedException ex) {
			// closed while waiting for room in the queue
		}
	}

	private PreparedScene prepare(PendingScene scene) {
		try {
			return this.preparer.process(scene);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Preparing the thumbnail of scene " + scene.id() + " failed", ex);
		}
	}

	private ExecutionContext stateOfScenes() {
		ExecutionContext state = new ExecutionContext();
		this.scenes.update(state);
		return state;
	}

	private static PreparedScene await(Future<PreparedScene> scene) throws Exception {
		try {
			return scene.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : new ItemStreamException(ex.getCause());
		}
	}

	/**
	 * A scene read ahead: its preparation and the reader's state after reading it; no scene at the
	 * end; a failure when reading failed.
	 */
	private record Ahead(Future<PreparedScene> scene, ExecutionContext stateAfter, Exception failure) {
	}

}

package com.heimdex.embeddings.thumbnail;

import java.util.concurrent.Semaphore;

/**
 * Heap shared by the images being decoded and resampled at once. Each decode reserves what its
 * image will take before a pixel is allocated and gives it back once the image is no longer
 * needed; a decode whose share is not free waits for it, first come first served. So the memory
 * in flight is bounded by the budget, not by the number of threads or the size of the images.
 * Thread-safe.
 */
final class DecodeBudget {

	/** Permits count KiB, so that budgets of terabytes still fit in an int. */
	private static final int UNIT = 1024;

	private final long bytes;

	private final Semaphore permits;

	DecodeBudget(long bytes) {
		this.bytes = bytes;
		this.permits = new Semaphore((int) Math.min(Integer.MAX_VALUE, bytes / UNIT), true);
	}

	/** Bytes the budget holds in all. */
	long bytes() {
		return this.bytes;
	}

	/** Whether a reservation of {@code bytes} can ever be granted. */
	boolean fits(long bytes) {
		return units(bytes) <= totalUnits();
	}

	/**
	 * Reserves {@code bytes}, waiting until they are free.
	 * @throws IllegalArgumentException if they exceed the whole budget (check {@link #fits} first)
	 * @throws InterruptedException if interrupted while waiting
	 */
	Reservation reserve(long bytes) throws InterruptedException {
		if (!fits(bytes)) {
			throw new IllegalArgumentException(bytes + " bytes exceed the decode budget of " + this.bytes + " bytes");
		}
		int units = units(bytes);
		this.permits.acquire(units);
		return new Reservation(units);
	}

	private int totalUnits() {
		return (int) Math.min(Integer.MAX_VALUE, this.bytes / UNIT);
	}

	private static int units(long bytes) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes + UNIT - 1) / UNIT));
	}

	/** A share of the budget; closing it gives it back (once). */
	final class Reservation implements AutoCloseable {

		private int units;

		private Reservation(int units) {
			this.units = units;
		}

		@Override
		public synchronized void close() {
			if (this.units > 0) {
				DecodeBudget.this.permits.release(this.units);
				this.units = 0;
			}
		}

	}

}

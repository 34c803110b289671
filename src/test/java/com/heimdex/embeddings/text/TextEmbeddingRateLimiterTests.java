package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TextEmbeddingRateLimiterTests {

	private static final long MINUTE = Duration.ofMinutes(1).toNanos();

	private final ManualClock clock = new ManualClock();

	@Test
	void requestsNeverExceedTheRequestBudget() throws InterruptedException {
		// given 120 requests per minute
		TextEmbeddingRateLimiter limiter = new TextEmbeddingRateLimiter(120, 1_000_000, Duration.ofMinutes(1), clock, clock);

		// when 300 one-token requests go through
		List<Long> sent = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			limiter.acquire(1);
			sent.add(clock.now);
		}

		// then the first 120 go at once, the rest at 2 per second, and no window holds more than allowed
		assertThat(sent.get(119)).isZero();
		assertThat(sent.get(299)).isEqualTo(180 * MINUTE / 120);
		assertConforms(sent, i -> 1, 120, 120.0 / MINUTE);
	}

	@Test
	void tokensNeverExceedTheTokenBudget() throws InterruptedException {
		// given 10,000 tokens per minute and requests of 3,000 tokens
		TextEmbeddingRateLimiter limiter = new TextEmbeddingRateLimiter(1000, 10_000, Duration.ofMinutes(1), clock, clock);

		// when
		List<Long> sent = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			limiter.acquire(3000);
			sent.add(clock.now);
		}

		// then three go at once, then one every 18 seconds (3,000 tokens at 10,000 a minute)
		assertThat(sent.subList(0, 3)).containsOnly(0L);
		assertThat(sent.get(3)).isEqualTo(2000 * MINUTE / 10_000);
		assertThat(sent.get(19)).isEqualTo(sent.get(3) + 16 * 3000 * MINUTE / 10_000);
		assertConforms(sent, i -> 3000, 10_000, 10_000.0 / MINUTE);
	}

	@Test
	void aRequestLargerThanTheTokenBudgetIsAnError() {
		TextEmbeddingRateLimiter limiter = new TextEmbeddingRateLimiter(10, 10_000, Duration.ofMinutes(1), clock, clock);

		assertThatIllegalArgumentException().isThrownBy(() -> limiter.acquire(10_001));
	}

	@Test
	void aServerPauseHoldsEveryone() throws InterruptedException {
		// given budgets with plenty left
		TextEmbeddingRateLimiter limiter = new TextEmbeddingRateLimiter(100, 100_000, Duration.ofMinutes(1), clock, clock);
		limiter.acquire(1);

		// when the server asks for 7 seconds
		limiter.pause(Duration.ofSeconds(7));
		limiter.acquire(1);

		// then
		assertThat(clock.now).isEqualTo(Duration.ofSeconds(7).toNanos());
	}

	/** Over every window [t_i, t_j]: the amount sent is at most capacity + rate * (t_j - t_i). */
	static void assertConforms(List<Long> times, java.util.function.IntToLongFunction amount, long capacity,
			double ratePerNano) {
		for (int i = 0; i < times.size(); i++) {
			long total = 0;
			for (int j = i; j < times.size(); j++) {
				total += amount.applyAsLong(j);
				double allowed = capacity + ratePerNano * (times.get(j) - times.get(i));
				assertThat((double) total).as("sent in window %d..%d", i, j).isLessThanOrEqualTo(allowed + 1e-6);
			}
		}
	}

	/** A clock that only moves when someone waits on it. */
	static final class ManualClock implements TimeMeter, BlockingStrategy {

		long now;

		@Override
		public long currentTimeNanos() {
			return now;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

		@Override
		public void park(long nanos) {
			now += nanos;
		}

	}

}

package com.heimdex.embeddings.bench;

import java.util.List;

import com.heimdex.embeddings.text.FakeEmbeddingServer.RecordedRequest;

/**
 * What the simulated server received during a run, from its request log: requests (retries
 * included), those it accepted and those it throttled (429), the tokens it accepted, and the rates
 * at which it accepted them. The run spans from the first request received to the last accepted.
 *
 * @param received requests received, whatever the answer
 * @param accepted requests answered 200
 * @param throttled requests answered 429
 * @param acceptedTokens tokens of the requests answered 200
 * @param minutes the run's span
 * @param steadyRequests requests accepted after the run's first minute, the first of them excluded
 * @param steadyTokens tokens accepted after the run's first minute, the first request's excluded
 * @param steadyMinutes from the first request accepted after the run's first minute to the last
 */
record ServerLoad(int received, int accepted, int throttled, long acceptedTokens, double minutes, long steadyRequests,
		long steadyTokens, double steadyMinutes) {

	private static final long MINUTE_NANOS = 60_000_000_000L;

	static ServerLoad of(List<RecordedRequest> requests) {
		List<RecordedRequest> accepted = requests.stream().filter((request) -> request.status() == 200).toList();
		int throttled = (int) requests.stream().filter((request) -> request.status() == 429).count();
		if (accepted.isEmpty()) {
			return new ServerLoad(requests.size(), 0, throttled, 0, 0, 0, 0, 0);
		}
		long first = requests.get(0).receivedNanos();
		long last = accepted.get(accepted.size() - 1).receivedNanos();
		// Each request after the first of the window pays for the time since the one before it, so a
		// client that always waits exactly as long as the budget requires measures exactly the budget.
		List<RecordedRequest> steady = accepted.stream()
			.filter((request) -> request.receivedNanos() >= first + MINUTE_NANOS)
			.toList();
		long steadyTokens = steady.stream().skip(1).mapToLong(RecordedRequest::tokens).sum();
		double steadyMinutes = steady.isEmpty() ? 0 : (last - steady.get(0).receivedNanos()) / (double) MINUTE_NANOS;
		return new ServerLoad(requests.size(), accepted.size(), throttled,
				accepted.stream().mapToLong(RecordedRequest::tokens).sum(), (last - first) / (double) MINUTE_NANOS,
				Math.max(0, steady.size() - 1), steadyTokens, steadyMinutes);
	}

	double requestsPerMinute() {
		return perMinute(this.accepted, this.minutes);
	}

	double tokensPerMinute() {
		return perMinute(this.acceptedTokens, this.minutes);
	}

	/** Requests accepted per minute after the first minute; NaN when the run was too short to tell. */
	double steadyRequestsPerMinute() {
		return perMinute(this.steadyRequests, this.steadyMinutes);
	}

	/** Tokens accepted per minute after the first minute; NaN when the run was too short to tell. */
	double steadyTokensPerMinute() {
		return perMinute(this.steadyTokens, this.steadyMinutes);
	}

	/**
	 * Requests accepted over what a budget of this many requests per minute allowed over the run:
	 * one minute's worth at once (the bucket starts full) plus the rate times the run's span.
	 */
	double requestBudgetUse(long requestsPerMinute) {
		return this.accepted / (requestsPerMinute * (1 + this.minutes));
	}

	/** As {@link #requestBudgetUse}, for tokens. */
	double tokenBudgetUse(long tokensPerMinute) {
		return this.acceptedTokens / (tokensPerMinute * (1 + this.minutes));
	}

	private static double perMinute(long amount, double minutes) {
		return (minutes > 0) ? amount / minutes : Double.NaN;
	}

}

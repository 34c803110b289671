package com.heimdex.embeddings.text;

import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a throttling server asks the client to wait. An explicit {@code retry-after-ms}
 * (OpenAI, Azure) or {@code Retry-After} (seconds or HTTP-date) wins; otherwise OpenAI's
 * {@code x-ratelimit-reset-requests} / {@code x-ratelimit-reset-tokens} (Go durations such as
 * {@code 1s}, {@code 6m0s}, {@code 20ms}) of the budget that ran out, or of both if the
 * {@code x-ratelimit-remaining-*} headers do not say which.
 */
final class RetryDelayHeaders {

	private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?)(h|ms|m|s|us|µs|ns)");

	private RetryDelayHeaders() {
	}

	static Optional<Duration> delay(HttpHeaders headers, Clock clock) {
		Optional<Duration> explicit = headers.firstValue("retry-after-ms").flatMap(RetryDelayHeaders::milliseconds)
			.or(() -> headers.firstValue("retry-after").flatMap(value -> retryAfter(value, clock)));
		if (explicit.isPresent()) {
			return explicit;
		}
		boolean requestsExhausted = exhausted(headers, "x-ratelimit-remaining-requests");
		boolean tokensExhausted = exhausted(headers, "x-ratelimit-remaining-tokens");
		boolean eitherKnown = requestsExhausted || tokensExhausted;
		Optional<Duration> requestsReset = headers.firstValue("x-ratelimit-reset-requests")
			.filter(reset -> requestsExhausted || !eitherKnown)
			.flatMap(RetryDelayHeaders::goDuration);
		Optional<Duration> tokensReset = headers.firstValue("x-ratelimit-reset-tokens")
			.filter(reset -> tokensExhausted || !eitherKnown)
			.flatMap(RetryDelayHeaders::goDuration);
		if (requestsReset.isPresent() && tokensReset.isPresent()) {
			return Optional.of(max(requestsReset.get(), tokensReset.get()));
		}
		return requestsReset.or(() -> tokensReset);
	}

	/** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110). */
	static Optional<Duration> retryAfter(String value, Clock clock) {
		String trimmed = value.trim();
		try {
			return Optional.of(nonNegative(seconds(new BigDecimal(trimmed))));
		}
		catch (NumberFormatException notSeconds) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
				return Optional.of(nonNegative(Duration.between(clock.instant(), at.toInstant())));
			}
			catch (DateTimeParseException notDate) {
				return Optional.empty();
			}
		}
	}

	/** A Go {@code time.Duration} string as OpenAI sends it: {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}. */
	static Optional<Duration> goDuration(String value) {
		String trimmed = value.trim();
		Matcher part = GO_DURATION_PART.matcher(trimmed);
		Duration total = Duration.ZERO;
		int end = 0;
		while (part.find() && part.start() == end) {
			BigDecimal amount = new BigDecimal(part.group(1));
			total = total.plus(switch (part.group(2)) {
				case "h" -> seconds(amount.multiply(BigDecimal.valueOf(3600)));
				case "m" -> seconds(amount.multiply(BigDecimal.valueOf(60)));
				case "s" -> seconds(amount);
				case "ms" -> seconds(amount.movePointLeft(3));
				case "us", "µs" -> seconds(amount.movePointLeft(6));
				default -> seconds(amount.movePointLeft(9));
			});
			end = part.end();
		}
		return (end > 0 && end == trimmed.length()) ? Optional.of(total) : Optional.empty();
	}

	private static Optional<Duration> milliseconds(String value) {
		try {
			return Optional.of(nonNegative(seconds(new BigDecimal(value.trim()).movePointLeft(3))));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean exhausted(HttpHeaders headers, String remainingHeader) {
		return headers.firstValue(remainingHeader).map(String::trim).filter("0"::equals).isPresent();
	}

	private static Duration seconds(BigDecimal seconds) {
		return Duration.ofNanos(seconds.movePointRight(9).longValue());
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}

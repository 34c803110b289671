package com.heimdex.embeddings.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;

/**
 * The kinds of value a job option takes. Each kind parses the raw {@code name=value} text into
 * what Spring Batch stores, and says in words what it allows, for error messages.
 */
public enum OptionType {

	POSITIVE_INTEGER("a whole number >= 1", Long.class, (raw) -> wholeNumberAtLeast(raw, 1)),

	NON_NEGATIVE_INTEGER("a whole number >= 0", Long.class, (raw) -> wholeNumberAtLeast(raw, 0)),

	NON_NEGATIVE_SECONDS("a number of seconds >= 0, such as 0.5", Double.class, (raw) -> seconds(raw, true)),

	POSITIVE_SECONDS("a number of seconds > 0, such as 5.0", Double.class, (raw) -> seconds(raw, false)),

	BOOLEAN("true or false", Boolean.class, OptionType::bool),

	UUID_VALUE("a UUID such as 12345678-1234-1234-1234-123456789012", String.class, OptionType::uuid),

	TIMESTAMP("an ISO-8601 date or timestamp such as 2026-01-01 or 2026-01-01T00:00:00Z", String.class,
			(raw) -> parseInstant(raw).toString()),

	TEXT("any text", String.class, (raw) -> raw);

	private final String allowed;

	private final Class<?> storedType;

	private final Function<String, Object> parser;

	OptionType(String allowed, Class<?> storedType, Function<String, Object> parser) {
		this.allowed = allowed;
		this.storedType = storedType;
		this.parser = parser;
	}

	/** What this kind allows, in words. */
	public String allowed() {
		return this.allowed;
	}

	/** The Java type the parsed value has in {@code JobParameters}. */
	public Class<?> storedType() {
		return this.storedType;
	}

	/** Parses the raw value; throws {@link IllegalArgumentException} when it is not allowed. */
	public Object parse(String raw) {
		try {
			return this.parser.apply(raw.trim());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(this.allowed, ex);
		}
	}

	/** Accepts a date (midnight UTC), a timestamp with offset, or a local timestamp taken as UTC. */
	static Instant parseInstant(String raw) {
		try {
			return OffsetDateTime.parse(raw).toInstant();
		}
		catch (DateTimeParseException notOffset) {
			try {
				return LocalDateTime.parse(raw).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				return LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
		}
	}

	private static Object wholeNumberAtLeast(String raw, long minimum) {
		long value = Long.parseLong(raw);
		if (value < minimum) {
			throw new IllegalArgumentException();
		}
		return value;
	}

	private static Object seconds(String raw, boolean zeroAllowed) {
		double value = new BigDecimal(raw).doubleValue();
		if (Double.isInfinite(value) || value < 0 || (value == 0 && !zeroAllowed)) {
			throw new IllegalArgumentException();
		}
		return value;
	}

	private static Object bool(String raw) {
		return switch (raw.toLowerCase()) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new IllegalArgumentException();
		};
	}

	private static Object uuid(String raw) {
		UUID parsed = UUID.fromString(raw);
		if (!parsed.toString().equalsIgnoreCase(raw)) {
			throw new IllegalArgumentException();
		}
		return parsed.toString();
	}

}

package com.heimdex.embeddings.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The kinds of value a job option takes. Each kind parses the raw {@code name=value} text into
 * what Spring Batch stores, and says in words what it allows, for error messages.
 */
public enum OptionType {

	POSITIVE_INTEGER("a whole number >= 1", Long.class) {
		@Override
		Object parseValue(String raw) {
			long value = Long.parseLong(raw);
			if (value < 1) {
				throw new IllegalArgumentException();
			}
			return value;
		}
	},

	NON_NEGATIVE_INTEGER("a whole number >= 0", Long.class) {
		@Override
		Object parseValue(String raw) {
			long value = Long.parseLong(raw);
			if (value < 0) {
				throw new IllegalArgumentException();
			}
			return value;
		}
	},

	NON_NEGATIVE_SECONDS("a number of seconds >= 0, such as 0.5", Double.class) {
		@Override
		Object parseValue(String raw) {
			double value = new BigDecimal(raw).doubleValue();
			if (!(value >= 0) || Double.isInfinite(value)) {
				throw new IllegalArgumentException();
			}
			return value;
		}
	},

	POSITIVE_SECONDS("a number of seconds > 0, such as 5.0", Double.class) {
		@Override
		Object parseValue(String raw) {
			double value = new BigDecimal(raw).doubleValue();
			if (!(value > 0) || Double.isInfinite(value)) {
				throw new IllegalArgumentException();
			}
			return value;
		}
	},

	BOOLEAN("true or false", Boolean.class) {
		@Override
		Object parseValue(String raw) {
			return switch (raw.toLowerCase()) {
				case "true" -> Boolean.TRUE;
				case "false" -> Boolean.FALSE;
				default -> throw new IllegalArgumentException();
			};
		}
	},

	UUID_VALUE("a UUID such as 12345678-1234-1234-1234-123456789012", String.class) {
		@Override
		Object parseValue(String raw) {
			UUID parsed = UUID.fromString(raw);
			if (!parsed.toString().equalsIgnoreCase(raw)) {
				throw new IllegalArgumentException();
			}
			return parsed.toString();
		}
	},

	TIMESTAMP("an ISO-8601 date or timestamp such as 2026-01-01 or 2026-01-01T00:00:00Z", String.class) {
		@Override
		Object parseValue(String raw) {
			return parseInstant(raw).toString();
		}
	},

	TEXT("any text", String.class) {
		@Override
		Object parseValue(String raw) {
			return raw;
		}
	};

	private final String allowed;

	private final Class<?> storedType;

	OptionType(String allowed, Class<?> storedType) {
		this.allowed = allowed;
		this.storedType = storedType;
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
			return parseValue(raw.trim());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(this.allowed, ex);
		}
	}

	abstract Object parseValue(String raw);

	/** Accepts a date (midnight UTC), a timestamp with offset, or a local timestamp taken as UTC. */
	static Instant parseInstant(String raw) {
		try {
			return OffsetDateTime.parse(raw).toInstant();
		}
		catch (DateTimeParseException notOffset) {
			try {
				return java.time.LocalDateTime.parse(raw).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				return LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
		}
	}

}

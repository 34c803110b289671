package com.heimdex.embeddings.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

/**
 * The job's own meters, whose values are set from what the run has counted so far: counters over
 * the job instance's totals (a resumed execution goes on from its predecessor's), gauges for
 * rates, coverage and times. Each meter is registered once per process and its value replaced.
 */
@Component
public class RunMeters {

	/** Prefix of every meter's name: {@code scene_embedding_..._total} in Prometheus. */
	public static final String PREFIX = "scene.embedding.";

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

	private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

	RunMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Sets the counter {@code scene.embedding.<name>} with these tags to {@code total}. */
	public void count(String name, String description, Tags tags, long total) {
		this.counters.computeIfAbsent(key(name, tags), (key) -> {
			AtomicLong value = new AtomicLong();
			FunctionCounter.builder(PREFIX + name, value, AtomicLong::get)
				.description(description)
				.tags(tags)
				.register(this.registry);
			return value;
		}).set(total);
	}

	/** Sets the gauge {@code scene.embedding.<name>} with these tags to {@code value}. */
	public void gauge(String name, String description, Tags tags, double value) {
		this.gauges.computeIfAbsent(key(name, tags), (key) -> {
			AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
			Gauge.builder(PREFIX + name, holder, AtomicReference::get)
				.description(description)
				.tags(tags)
				.strongReference(true)
				.register(this.registry);
			return holder;
		}).set(value);
	}

	private static String key(String name, Tags tags) {
		return name + tags;
	}

}

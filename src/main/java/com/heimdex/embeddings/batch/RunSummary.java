package com.heimdex.embeddings.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The end of a run as one JSON line on the log ({@code "event":"job_summary"}), for log pipelines:
 * status, counts, the job's own counters (updated, errors by code, ...) as this execution counted
 * them and, beside them, over the whole job instance (a resumed execution carries the counts of the
 * executions before it), and Spring Batch's Micrometer timings. With {@code LOG_FORMAT=json} the
 * summary is the line's {@code job_summary} field (and {@code event.action} is {@code job_summary})
 * rather than its message.
 */
@Component
public class RunSummary {

	private static final Logger logger = LoggerFactory.getLogger(RunSummary.class);

	private final JsonMapper json;

	private final MeterRegistry meterRegistry;

	private final StructuredLog structuredLog;

	RunSummary(JsonMapper json, MeterRegistry meterRegistry, StructuredLog structuredLog) {
		this.json = json;
		this.meterRegistry = meterRegistry;
		this.structuredLog = structuredLog;
	}

	/** Logs the summary line and returns the summary as JSON. */
	public String log(JobExecution execution) {
		Map<String, Object> summary = summary(execution);
		String line = this.json.writeValueAsString(summary);
		if (this.structuredLog.structured()) {
			Map<String, Object> fields = new LinkedHashMap<>(summary);
			fields.remove("event");
			StructuredLog.info(logger, "Job summary: " + summary.get("job") + " " + summary.get("status"),
					Map.of("event.action", "job_summary", "job_summary", fields));
		}
		else {
			logger.info(line);
		}
		return line;
	}

	Map<String, Object> summary(JobExecution execution) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("event", "job_summary");
		summary.put("job", execution.getJobInstance().getJobName());
		summary.put("execution_id", execution.getId());
		summary.put("instance_id", execution.getJobInstanceId());
		summary.put("status", execution.getStatus().toString());
		summary.put("exit_code", execution.getExitStatus().getExitCode());
		summary.put("started", String.valueOf(execution.getStartTime()));
		summary.put("ended", String.valueOf(execution.getEndTime()));
		summary.put("duration_s", seconds(execution.getStartTime(), execution.getEndTime()));
		long read = 0;
		long written = 0;
		Map<String, Object> counters = new TreeMap<>();
		Map<String, Object> instanceCounters = new TreeMap<>();
		for (StepExecution step : execution.getStepExecutions()) {
			read += step.getReadCount();
			written += step.getWriteCount();
			counters.putAll(RunCounters.executionCounts(step.getExecutionContext()));
			instanceCounters.putAll(RunCounters.instanceCounts(step.getExecutionContext()));
		}
		summary.put("read", read);
		summary.put("written", written);
		summary.put("counters", counters);
		summary.put("instance_counters", instanceCounters);
		summary.put("parameters", execution.getJobParameters().parameters().stream()
			.collect(TreeMap::new, (map, parameter) -> map.put(parameter.name(), String.valueOf(parameter.value())),
					TreeMap::putAll));
		summary.put("metrics", batchTimers());
		return summary;
	}

	private Map<String, Object> batchTimers() {
		Map<String, Object> timers = new TreeMap<>();
		for (Meter meter : this.meterRegistry.getMeters()) {
			if (meter instanceof Timer timer && timer.getId().getName().startsWith("spring.batch")) {
				String name = timer.getId().getName() + tagSuffix(timer);
				timers.put(name, Map.of("count", timer.count(), "total_s",
						Math.round(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)) / 1000.0));
			}
		}
		return timers;
	}

	private static String tagSuffix(Timer timer) {
		String status = timer.getId().getTag("spring.batch.job.status");
		if (status == null) {
			status = timer.getId().getTag("spring.batch.step.status");
		}
		if (status == null) {
			status = timer.getId().getTag("spring.batch.item.process.status");
		}
		return (status != null) ? "[" + status + "]" : "";
	}

	private static double seconds(LocalDateTime start, LocalDateTime end) {
		if (start == null || end == null) {
			return 0;
		}
		return Duration.between(start, end).toMillis() / 1000.0;
	}

}

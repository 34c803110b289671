package com.heimdex.embeddings.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.JobOption;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The JSON API of the admin server: jobs, executions, coverage and the embedding spec. */
@RestController
@RequestMapping("/v1/admin")
@ConditionalOnWebApplication
class AdminApiController {

	private static final int MAX_EXECUTIONS = 200;

	private final BackgroundJobs jobs;

	private final ExecutionControl executions;

	private final CoverageReport coverage;

	AdminApiController(BackgroundJobs jobs, ExecutionControl executions, CoverageReport coverage) {
		this.jobs = jobs;
		this.executions = executions;
		this.coverage = coverage;
	}

	/** A job and the parameters it takes. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Job(String name, String summary, List<Option> parameters) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Option(String name, String defaultValue, boolean identifying, String allowed, String description) {
	}

	/**
	 * Body of a job start: its parameters by name ({@code {"parameters": {"batchSize": "25"}}}).
	 *
	 * @param parameters parameter values as the command line's {@code name=value} words take them
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record StartRequest(Map<String, Object> parameters) {
	}

	@GetMapping("/jobs")
	List<Job> jobs() {
		return this.jobs.descriptors().values().stream().map(AdminApiController::job).toList();
	}

	@PostMapping("/jobs/{jobName}/executions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	BackgroundJobs.Queued start(@PathVariable String jobName, @RequestBody(required = false) StartRequest request) {
		List<String> words = new ArrayList<>();
		if (request != null && request.parameters() != null) {
			request.parameters().forEach((name, value) -> words.add(name + "=" + value));
		}
		return this.jobs.start(jobName, words);
	}

	@GetMapping("/executions")
	List<ExecutionView> executions(@RequestParam(name = "job", required = false) String jobName,
			@RequestParam(defaultValue = "20") int limit) {
		if (jobName != null) {
			this.jobs.descriptor(jobName);
		}
		if (limit < 1 || limit > MAX_EXECUTIONS) {
			throw new InvalidRequestFieldException("limit", "limit must be between 1 and " + MAX_EXECUTIONS);
		}
		return this.executions.recent(jobName, limit);
	}

	@GetMapping("/executions/{executionId}")
	ExecutionView execution(@PathVariable long executionId) {
		return this.executions.find(executionId);
	}

	@PostMapping("/executions/{executionId}/stop")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> stop(@PathVariable long executionId) throws Exception {
		return Map.of("execution_id", executionId, "message", this.executions.stop(executionId));
	}

	@GetMapping("/coverage")
	CoverageReport.Coverage coverage() {
		return this.coverage.coverage();
	}

	@GetMapping("/spec")
	CoverageReport.Spec spec() {
		return this.coverage.spec();
	}

	private static Job job(JobDescriptor descriptor) {
		return new Job(descriptor.jobName(), descriptor.summary(), descriptor.options()
			.stream()
			.map((JobOption option) -> new Option(option.name(), option.defaultValue(), option.identifying(),
					option.allowed(), option.description()))
			.toList());
	}

}

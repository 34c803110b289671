package com.heimdex.embeddings.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * What the command line knows of a job: its name and options. Each job configuration declares
 * one as a bean next to its {@code Job}.
 *
 * @param jobName the job's bean and Spring Batch name
 * @param summary one line saying what the job does
 * @param options every option the job takes
 * @param check rules across options (or settings) that single options cannot express
 */
public record JobDescriptor(String jobName, String summary, List<JobOption> options, ParametersCheck check) {

	/** A rule over the parsed parameters; returns the problem in words, or {@code null}. */
	@FunctionalInterface
	public interface ParametersCheck {

		String problem(JobParameters parameters);

	}

	/** Name of the identifying parameter that tells scheduled runs of the same scope apart. */
	public static final String RUN_ID = "run.id";

	public JobDescriptor {
		options = List.copyOf(options);
	}

	public JobDescriptor(String jobName, String summary, List<JobOption> options) {
		this(jobName, summary, options, (parameters) -> null);
	}

	public Optional<JobOption> option(String name) {
		return this.options.stream().filter((option) -> option.name().equals(name)).findFirst();
	}

	/**
	 * Parses {@code name=value} words into job parameters, every option present (defaults filled
	 * in) so that equal requests give equal identifying parameters.
	 * @throws InvalidJobArgumentsException naming the first word that is not allowed
	 */
	public JobParameters toJobParameters(List<String> words) {
		Map<String, String> raw = new LinkedHashMap<>();
		for (String word : words) {
			int equals = word.indexOf('=');
			if (equals <= 0) {
				throw new InvalidJobArgumentsException("'" + word + "' is not a name=value job parameter; "
						+ this.jobName + " takes: " + optionNames());
			}
			String name = word.substring(0, equals);
			if (option(name).isEmpty()) {
				throw new InvalidJobArgumentsException("unknown parameter '" + name + "' for job " + this.jobName
						+ "; allowed: " + optionNames());
			}
			if (raw.put(name, word.substring(equals + 1)) != null) {
				throw new InvalidJobArgumentsException("parameter '" + name + "' is given twice");
			}
		}
		JobParametersBuilder builder = new JobParametersBuilder();
		for (JobOption option : this.options) {
			String value = raw.getOrDefault(option.name(), option.defaultValue());
			if (value == null) {
				continue;
			}
			add(builder, option, parse(option, value));
		}
		JobParameters parameters = builder.toJobParameters();
		String problem = problem(parameters);
		if (problem != null) {
			throw new InvalidJobArgumentsException(problem);
		}
		return parameters;
	}

	/**
	 * What the job accepts, as Spring Batch checks it before every start and restart, whoever
	 * launches it: a restart runs with the parameters its execution was started with, which the
	 * settings of today (or an edit of the job repository) may no longer allow. The failure's cause
	 * is an {@link InvalidJobArgumentsException} with the same message.
	 */
	public JobParametersValidator validator() {
		return (parameters) -> {
			String problem = problem(parameters);
			if (problem != null) {
				InvalidJobParametersException invalid = new InvalidJobParametersException(problem);
				invalid.initCause(new InvalidJobArgumentsException(problem));
				throw invalid;
			}
		};
	}

	/**
	 * @return the first problem with these parameters in words (an unknown name, a value the
	 * option does not allow, a missing option, a rule across options or settings, a partition
	 * outside the partitions), or {@code null}
	 */
	public String problem(JobParameters parameters) {
		for (JobParameter<?> parameter : parameters.parameters()) {
			if (RUN_ID.equals(parameter.name())) {
				continue;
			}
			Optional<JobOption> option = option(parameter.name());
			if (option.isEmpty()) {
				return "unknown parameter '" + parameter.name() + "' for job " + this.jobName + "; allowed: "
						+ optionNames();
			}
			try {
				option.get().parse(String.valueOf(parameter.value()));
			}
			catch (IllegalArgumentException ex) {
				return "invalid value '" + parameter.value() + "' for parameter '" + parameter.name() + "': expected "
						+ option.get().allowed();
			}
		}
		for (JobOption option : this.options) {
			// partition options default to the whole table when absent (executions from before scale-out)
			if (option.defaultValue() != null && parameters.getParameter(option.name()) == null
					&& !PartitionOptions.options().contains(option)) {
				return "parameter '" + option.name() + "' is missing; expected " + option.allowed() + " (default "
						+ option.defaultValue() + ")";
			}
		}
		String problem = this.check.problem(parameters);
		if (problem == null && this.options.containsAll(PartitionOptions.options())) {
			problem = PartitionOptions.problem(parameters);
		}
		return problem;
	}

	private static Object parse(JobOption option, String value) {
		try {
			return option.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJobArgumentsException("invalid value '" + value + "' for parameter '" + option.name()
					+ "': expected " + option.allowed());
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void add(JobParametersBuilder builder, JobOption option, Object value) {
		builder.addJobParameter(option.name(), value, (Class) option.type().storedType(), option.identifying());
	}

	private String optionNames() {
		return String.join(", ", this.options.stream().map(JobOption::name).toList());
	}

}

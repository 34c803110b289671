package com.heimdex.embeddings.batch;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobDescriptorTest {

	private final JobDescriptor descriptor = new JobDescriptor("demoJob", "a demo", List.of(
			JobOption.tuning("batchSize", OptionType.POSITIVE_INTEGER, "50", "scenes per chunk"),
			JobOption.scope("maxScenes", OptionType.POSITIVE_INTEGER, null, "at most this many"),
			JobOption.tuning("processingDelay", OptionType.NON_NEGATIVE_SECONDS, "0", "delay"),
			JobOption.scope("dryRun", OptionType.BOOLEAN, "false", "write nothing"),
			JobOption.scope("videoId", OptionType.UUID_VALUE, null, "one video"),
			JobOption.scope("since", OptionType.TIMESTAMP, null, "changed since"),
			JobOption.subsetOf("channels", List.of("transcript", "visual", "summary"), "transcript,visual", "channels")));

	@Test
	void defaultsAreFilledInSoEqualRequestsAreEqual() {
		JobParameters implicit = this.descriptor.toJobParameters(List.of());
		JobParameters explicit = this.descriptor.toJobParameters(List.of("batchSize=50", "dryRun=false"));

		assertThat(implicit).isEqualTo(explicit);
		assertThat(implicit.getLong("batchSize")).isEqualTo(50L);
		assertThat(implicit.getParameter("dryRun").value()).isEqualTo(Boolean.FALSE);
		assertThat(implicit.getParameter("maxScenes")).isNull();
		assertThat(implicit.getParameter("batchSize").identifying()).isFalse();
		assertThat(implicit.getParameter("dryRun").identifying()).isTrue();
	}

	@Test
	void valuesAreParsedToTheirTypes() {
		JobParameters parameters = this.descriptor.toJobParameters(List.of("processingDelay=0.5",
				"videoId=12345678-1234-1234-1234-123456789012", "since=2026-01-01", "channels=summary,transcript"));

		assertThat(parameters.getDouble("processingDelay")).isEqualTo(0.5);
		assertThat(parameters.getString("videoId")).isEqualTo("12345678-1234-1234-1234-123456789012");
		assertThat(parameters.getString("since")).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(parameters.getString("channels")).isEqualTo("transcript,summary");
	}

	@Test
	void unknownParameterNamesTheAllowedOnes() {
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("batchsize=10")))
			.isInstanceOf(InvalidJobArgumentsException.class)
			.hasMessageContaining("unknown parameter 'batchsize'")
			.hasMessageContaining("batchSize, maxScenes");
	}

	@Test
	void malformedValuesNameTheParameterAndWhatIsAllowed() {
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("videoId=not-a-uuid")))
			.hasMessage("invalid value 'not-a-uuid' for parameter 'videoId': expected a UUID such as "
					+ "12345678-1234-1234-1234-123456789012");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("batchSize=-5")))
			.hasMessageContaining("parameter 'batchSize': expected a whole number >= 1");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("batchSize=ten")))
			.hasMessageContaining("parameter 'batchSize'");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("processingDelay=-1")))
			.hasMessageContaining("a number of seconds >= 0");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("dryRun=yes")))
			.hasMessageContaining("true or false");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("channels=audio")))
			.hasMessageContaining("a comma-separated list of transcript, visual, summary");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("since=yesterday")))
			.hasMessageContaining("ISO-8601");
	}

	@Test
	void wordsThatAreNotNameValueAndRepeatsAreRefused() {
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("--dry-run")))
			.hasMessageContaining("'--dry-run' is not a name=value job parameter");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("batchSize=1", "batchSize=2")))
			.hasMessageContaining("given twice");
	}

	@Test
	void theValidatorAcceptsWhatTheCommandLineBuildsAndRefusesStoredParametersItWouldNot() throws Exception {
		JobParameters built = new JobParametersBuilder(this.descriptor.toJobParameters(List.of("since=2026-01-01")))
			.addLong(JobDescriptor.RUN_ID, 7L)
			.toJobParameters();
		JobParametersValidator validator = this.descriptor.validator();

		validator.validate(built);
		// an older execution stored its flags as text
		validator.validate(new JobParametersBuilder(built).addString("dryRun", "true").toJobParameters());

		assertThatThrownBy(() -> validator.validate(new JobParametersBuilder(built).addLong("batchSize", 0L, false)
			.toJobParameters())).isInstanceOf(InvalidJobParametersException.class)
			.hasMessage("invalid value '0' for parameter 'batchSize': expected a whole number >= 1")
			.hasCauseInstanceOf(InvalidJobArgumentsException.class);
		assertThatThrownBy(() -> validator.validate(new JobParametersBuilder(built).addString("colour", "red")
			.toJobParameters())).hasMessageStartingWith("unknown parameter 'colour' for job demoJob");
		assertThatThrownBy(() -> validator.validate(new JobParametersBuilder().addLong("batchSize", 50L)
			.toJobParameters())).hasMessageStartingWith("parameter 'processingDelay' is missing");
	}

}

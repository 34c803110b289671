package com.heimdex.embeddings.lexical;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.heimdex.embeddings.lexical.LexicalTestScenes.count;
import static com.heimdex.embeddings.lexical.LexicalTestScenes.scene;
import static com.heimdex.embeddings.lexical.LexicalTestScenes.video;
import static org.assertj.core.api.Assertions.assertThat;

/** An OpenSearch that cannot be reached fails the run (restartable) with nothing recorded, and no credential in the log. */
@ExtendWith(OutputCaptureExtension.class)
class LexicalIndexOpenSearchUnreachableTests extends DatabaseTest {

	private static final String PASSWORD = "s3cret-pass-word";

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	@Qualifier("lexicalIndexDescriptor")
	private JobDescriptor descriptor;

	@DynamicPropertySource
	static void openSearch(DynamicPropertyRegistry registry) {
		registry.add("opensearch.url", () -> "http://127.0.0.1:" + closedPort());
		registry.add("opensearch.username", () -> "indexer");
		registry.add("opensearch.password", () -> PASSWORD);
		registry.add("opensearch.connect-timeout", () -> "2s");
	}

	@Test
	void theRunFailsRestartablyWithNothingRecordedAndNoCredentialLogged(CapturedOutput output) throws Exception {
		UUID owner = UUID.randomUUID();
		scene(this.jdbc, video(this.jdbc, owner, "READY"), owner, 0, "words", null, null, null);

		JobExecution execution = this.launcher.launch("lexicalIndex",
				this.descriptor.toJobParameters(List.of("scope=all")));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getAllFailureExceptions()).isNotEmpty();
		assertThat(execution.getAllFailureExceptions().get(0)).hasStackTraceContaining("OpenSearch could not be reached");
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index")).isZero();
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

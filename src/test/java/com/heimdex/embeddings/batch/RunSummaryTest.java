package com.heimdex.embeddings.batch;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryTest extends DatabaseTest {

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	@Qualifier("clipBackfillDescriptor")
	private JobDescriptor clipBackfill;

	@Autowired
	private RunSummary runSummary;

	@Test
	void theSummaryIsOneParsableJsonLineWithCountsCountersAndBatchMetrics() throws Exception {
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		this.jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		for (int i = 0; i < 3; i++) {
			this.jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url) "
					+ "VALUES (?, ?, ?, ?, ?)", UUID.randomUUID(), video, owner, i, "https://example.com/" + i + ".jpg");
		}
		this.jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index) VALUES (?, ?, ?, 9)",
				UUID.randomUUID(), video, owner);
		JobExecution execution = this.launcher.launch("clipBackfill",
				this.clipBackfill.toJobParameters(List.of("dryRun=true", "batchSize=2")));

		String line = this.runSummary.log(execution);

		assertThat(line).doesNotContain("\n");
		JsonNode summary = JsonMapper.builder().build().readTree(line);
		assertThat(summary.get("event").asString()).isEqualTo("job_summary");
		assertThat(summary.get("job").asString()).isEqualTo("clipBackfill");
		assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(summary.get("execution_id").asLong()).isEqualTo(execution.getId());
		assertThat(summary.get("read").asLong()).isEqualTo(3);
		assertThat(summary.get("counters").get("clip.dryRun").asLong()).isEqualTo(3);
		assertThat(summary.get("counters").get("clip.noThumbnail").asLong()).isEqualTo(1);
		assertThat(summary.get("parameters").get("dryRun").asString()).isEqualTo("true");
		assertThat(summary.get("metrics").propertyNames()).anyMatch((name) -> name.startsWith("spring.batch.job"));
		assertThat(Map.of("line", line).toString()).doesNotContain("OPENAI");
	}

}

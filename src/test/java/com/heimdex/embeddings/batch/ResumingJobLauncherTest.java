package com.heimdex.embeddings.batch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumingJobLauncherTest extends DatabaseTest {

	private static final int ITEMS = 10;

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private AtomicInteger failAtItem;

	@Autowired
	private AtomicLong writeDelayMillis;

	private final JobParameters scope = new JobDescriptor("countingJob", "test", List.of(
			JobOption.scope("label", OptionType.TEXT, "a", "scope"),
			JobOption.tuning("speed", OptionType.POSITIVE_INTEGER, "1", "tuning")))
		.toJobParameters(List.of());

	@BeforeEach
	void items() {
		this.jdbc.execute("DROP TABLE IF EXISTS counted_items");
		this.jdbc.execute("CREATE TABLE counted_items (id int PRIMARY KEY, times int NOT NULL DEFAULT 0)");
		this.jdbc.update("INSERT INTO counted_items (id) SELECT generate_series(1, ?)", ITEMS);
		this.jdbc.update("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT");
		this.jdbc.update("DELETE FROM BATCH_STEP_EXECUTION");
		this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT");
		this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS");
		this.jdbc.update("DELETE FROM BATCH_JOB_EXECUTION");
		this.jdbc.update("DELETE FROM BATCH_JOB_INSTANCE");
		this.failAtItem.set(0);
		this.writeDelayMillis.set(0);
	}

	@Test
	void aFailedExecutionIsResumedAtItsLastCommittedChunk() throws Exception {
		this.failAtItem.set(7);
		JobExecution failed = this.launcher.launch("countingJob", this.scope);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(timesPerItem()).isEqualTo("1,1,1,1,1,1,0,0,0,0");

		this.failAtItem.set(0);
		JobExecution resumed = this.launcher.launch("countingJob", this.scope);

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(timesPerItem()).isEqualTo("1,1,1,1,1,1,1,1,1,1");
	}

	@Test
	void theSameRequestAfterACompletedRunStartsANewInstance() throws Exception {
		JobExecution first = this.launcher.launch("countingJob", this.scope);
		JobExecution second = this.launcher.launch("countingJob", this.scope);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getJobInstanceId()).isNotEqualTo(first.getJobInstanceId());
		assertThat(second.getJobParameters().getLong(JobDescriptor.RUN_ID))
			.isEqualTo(first.getJobParameters().getLong(JobDescriptor.RUN_ID) + 1);
	}

	@Test
	void anExecutionLeftStartedByADeadProcessIsRecoveredAndResumed() throws Exception {
		this.failAtItem.set(5);
		JobExecution crashed = this.launcher.launch("countingJob", this.scope);
		// What a killed process leaves behind: the execution and its step still STARTED.
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
				+ "WHERE JOB_EXECUTION_ID = ?", crashed.getId());
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL "
				+ "WHERE JOB_EXECUTION_ID = ?", crashed.getId());
		this.failAtItem.set(0);

		JobExecution resumed = this.launcher.launch("countingJob", this.scope);

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(crashed.getJobInstanceId());
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, crashed.getId())).isEqualTo("FAILED");
		assertThat(timesPerItem()).isEqualTo("1,1,1,1,1,1,1,1,1,1");
	}

	@Test
	void aLaunchWhileALiveProcessRunsTheJobIsRefusedAndWritesNothing() {
		try (JobRunLock otherProcess = JobRunLock.tryAcquire(this.dataSource, "countingJob")) {
			assertThat(otherProcess).isNotNull();

			assertThatThrownBy(() -> this.launcher.launch("countingJob", this.scope))
				.isInstanceOf(JobAlreadyRunningException.class)
				.hasMessageContaining("countingJob is already running");
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isZero();
		assertThat(timesPerItem()).isEqualTo("0,0,0,0,0,0,0,0,0,0");
	}

	@Test
	void aRunWhoseLockIsLostEndsFailedWithoutCommittingMoreAndTheNextLaunchTakesOver() throws Exception {
		this.writeDelayMillis.set(200);
		CompletableFuture<JobExecution> launch = CompletableFuture
			.supplyAsync(() -> launchQuietly(this.scope));
		awaitRunningExecution();

		// when: the lock's session ends, as on a connection reset or a failover
		Integer terminated = this.jdbc.queryForObject("""
				SELECT count(pg_terminate_backend(pid)) FROM pg_locks
				WHERE locktype = 'advisory' AND objsubid = 2 AND classid = hashtext('countingJob')::oid
				  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""", Integer.class);
		assertThat(terminated).isEqualTo(1);
		String committedWhenLost = timesPerItem();
		JobExecution lost = launch.get(30, TimeUnit.SECONDS);

		assertThat(lost.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(lost.getAllFailureExceptions()).anySatisfy(
				(failure) -> assertThat(failure).hasRootCauseInstanceOf(RunLockLostException.class));
		// at most the chunk being written when the session ended was committed, never more
		assertThat(committedWhenLost.replace(",", "").chars().filter((c) -> c == '1').count() + 2)
			.isGreaterThanOrEqualTo(timesPerItem().replace(",", "").chars().filter((c) -> c == '1').count());
		assertThat(timesPerItem()).doesNotContain("2").contains("0");

		this.writeDelayMillis.set(0);
		JobExecution resumed = this.launcher.launch("countingJob", this.scope);

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(lost.getJobInstanceId());
		assertThat(timesPerItem()).isEqualTo("1,1,1,1,1,1,1,1,1,1");
	}

	@Test
	void partitionsOfAnotherCountOrTheSamePartitionAreRefusedWhileOthersRunSideBySide() throws Exception {
		JobDescriptor partitioned = new JobDescriptor("countingJob", "test", List.of(
				JobOption.scope("label", OptionType.TEXT, "a", "scope"), PartitionOptions.options().get(0),
				PartitionOptions.options().get(1)));
		try (JobRunLock scaleOutPod = JobRunLock.tryAcquire(this.dataSource, "countingJob", 1, 3)) {
			assertThat(scaleOutPod).isNotNull();

			assertThatThrownBy(() -> this.launcher.launch("countingJob", partitioned.toJobParameters(List.of())))
				.as("the nightly run over every scene").isInstanceOf(JobAlreadyRunningException.class);
			assertThatThrownBy(() -> this.launcher.launch("countingJob",
					partitioned.toJobParameters(List.of("partitions=2", "partition=0"))))
				.isInstanceOf(JobAlreadyRunningException.class);
			assertThatThrownBy(() -> this.launcher.launch("countingJob",
					partitioned.toJobParameters(List.of("partitions=3", "partition=1"))))
				.isInstanceOf(JobAlreadyRunningException.class);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isZero();

			JobExecution otherPod = this.launcher.launch("countingJob",
					partitioned.toJobParameters(List.of("partitions=3", "partition=2")));
			assertThat(otherPod.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}
		try (JobRunLock nightly = JobRunLock.tryAcquire(this.dataSource, "countingJob", 0, 1)) {
			assertThat(nightly).isNotNull();
			assertThat(JobRunLock.tryAcquire(this.dataSource, "countingJob", 0, 3)).isNull();
		}
	}

	private JobExecution launchQuietly(JobParameters parameters) {
		try {
			return this.launcher.launch("countingJob", parameters);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void restartByExecutionIdResumesAFailedExecution() throws Exception {
		this.failAtItem.set(3);
		JobExecution failed = this.launcher.launch("countingJob", this.scope);
		this.failAtItem.set(0);

		JobExecution restarted = this.launcher.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(timesPerItem()).isEqualTo("1,1,1,1,1,1,1,1,1,1");
		assertThatThrownBy(() -> this.launcher.restart(restarted.getId()))
			.isInstanceOf(InvalidJobArgumentsException.class)
			.hasMessageContaining("only FAILED or STOPPED");
	}

	@Test
	void abandonedExecutionsAreNotResumed() throws Exception {
		this.failAtItem.set(3);
		JobExecution failed = this.launcher.launch("countingJob", this.scope);
		this.failAtItem.set(0);

		assertThat(this.launcher.abandon(failed.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
		JobExecution next = this.launcher.launch("countingJob", this.scope);

		assertThat(next.getJobInstanceId()).isNotEqualTo(failed.getJobInstanceId());
		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void stopEndsARunningExecutionAfterItsCurrentChunkAndTheNextLaunchResumesIt() throws Exception {
		this.writeDelayMillis.set(300);
		CompletableFuture<JobExecution> running = CompletableFuture
			.supplyAsync(() -> {
				try {
					return this.launcher.launch("countingJob", this.scope);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		long executionId = awaitRunningExecution();

		String outcome = this.launcher.stop(executionId);

		assertThat(outcome).contains("will stop after its current chunk");
		JobExecution stopped = running.get(30, TimeUnit.SECONDS);
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(timesPerItem()).contains("0");
		this.writeDelayMillis.set(0);
		JobExecution resumed = this.launcher.launch("countingJob", this.scope);
		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(stopped.getJobInstanceId());
		assertThat(timesPerItem()).isEqualTo("1,1,1,1,1,1,1,1,1,1");
	}

	@Test
	void stopOfAnExecutionWhoseProcessDiedRecoversItAsFailed() throws Exception {
		this.failAtItem.set(5);
		JobExecution crashed = this.launcher.launch("countingJob", this.scope);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?",
				crashed.getId());

		String outcome = this.launcher.stop(crashed.getId());

		assertThat(outcome).contains("had no live process; it is now FAILED");
		assertThat(this.jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, crashed.getId())).isEqualTo("FAILED");
	}

	private long awaitRunningExecution() throws InterruptedException {
		for (int attempt = 0; attempt < 200; attempt++) {
			List<Long> ids = this.jdbc.queryForList(
					"SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'", Long.class);
			if (!ids.isEmpty() && timesPerItem().startsWith("1")) {
				return ids.get(0);
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the job did not start");
	}

	private String timesPerItem() {
		return String.join(",", this.jdbc.queryForList("SELECT times::text FROM counted_items ORDER BY id", String.class));
	}

	@TestConfiguration
	static class CountingJobConfiguration {

		@Bean
		AtomicInteger failAtItem() {
			return new AtomicInteger();
		}

		@Bean
		AtomicLong writeDelayMillis() {
			return new AtomicLong();
		}

		@Bean
		Job countingJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
				DataSource dataSource, AtomicInteger failAtItem, AtomicLong writeDelayMillis, HeldRunLocks runLocks)
				throws Exception {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			JdbcPagingItemReader<Integer> reader = new JdbcPagingItemReaderBuilder<Integer>().name("countedItems")
				.dataSource(dataSource)
				.selectClause("SELECT id")
				.fromClause("FROM counted_items")
				.sortKeys(Map.of("id", Order.ASCENDING))
				.rowMapper((rs, row) -> rs.getInt(1))
				.pageSize(2)
				.build();
			reader.afterPropertiesSet();
			ItemWriter<Integer> writer = (chunk) -> {
				Thread.sleep(writeDelayMillis.get());
				for (Integer id : chunk) {
					if (id == failAtItem.get()) {
						throw new IllegalStateException("injected failure at item " + id);
					}
					jdbc.update("UPDATE counted_items SET times = times + 1 WHERE id = ?", id);
				}
			};
			return new JobBuilder("countingJob", jobRepository)
				.start(new StepBuilder("countingStep", jobRepository).<Integer, Integer>chunk(2)
					.transactionManager(transactionManager)
					.reader(reader)
					.writer(writer)
					.listener(runLocks.guard())
					.build())
				.build();
		}

	}

}

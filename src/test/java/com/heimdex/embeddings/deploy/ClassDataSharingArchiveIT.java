package com.heimdex.embeddings.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.support.ApplicationJar;
import com.heimdex.embeddings.support.TestDatabase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's class-data sharing archive, made as the Dockerfile makes it: the built jar
 * extracted, {@code deploy/cds-archive.sh} run on it without a database, then a command run with
 * the archive mapped ({@code -Xshare:on} fails rather than start without it) loads Spring's and
 * the jobs' classes from it.
 */
class ClassDataSharingArchiveIT {

	private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	@TempDir
	Path directory;

	private TestDatabase database;

	@BeforeEach
	void setUp() {
		this.database = TestDatabase.create(ClassDataSharingArchiveIT.class);
	}

	@AfterEach
	void tearDown() {
		this.database.close();
	}

	@Test
	void theArchiveIsMadeWithoutADatabaseAndServesTheClassesOfACommand() throws Exception {
		// given: the jar extracted as the image holds it, and the archive the image build makes
		Path jar = ApplicationJar.extract(this.directory.resolve("app"));
		Path archive = this.directory.resolve("application.jsa");
		run(List.of("sh", "deploy/cds-archive.sh", jar.toString(), archive.toString(), "deploy/jvm.options"));
		assertThat(archive).isNotEmptyFile();

		// when: a command runs with the archive
		String output = run(List.of(JAVA, "@deploy/jvm.options", "-XX:MaxRAM=1g", "-XX:SharedArchiveFile=" + archive,
				"-Xshare:on", "-Xlog:class+load=info:stdout", "-jar", jar.toString(), "status"));

		// then: it succeeds, and the application's and its frameworks' classes come from the archive
		assertThat(output).contains("Recent executions");
		assertThat(output).containsPattern("org\\.springframework\\.context\\.support\\.AbstractApplicationContext "
				+ "source: shared objects file \\(top\\)");
		assertThat(output).containsPattern("com\\.heimdex\\.embeddings\\.cli\\.CommandDispatcher "
				+ "source: shared objects file \\(top\\)");
		assertThat(output).containsPattern("com\\.zaxxer\\.hikari\\.HikariDataSource source: shared objects file \\(top\\)");
	}

	private String run(List<String> command) throws IOException, InterruptedException {
		Path log = Files.createTempFile(this.directory, "process", ".log");
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().remove("SPRING_DATASOURCE_URL");
		builder.environment().put("DATABASE_URL", this.database.libpqUrl());
		Process process = builder.start();
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
		return output;
	}

}

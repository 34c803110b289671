package com.heimdex.embeddings.deploy;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes manifests and the Dockerfile agree with what the application really reads. */
class DeploymentManifestsTest {

	private static final Path MANIFESTS = Path.of("deploy/k8s");

	/** Read by the command line or the platform rather than by a settings record. */
	private static final Set<String> OTHER_KNOWN_VARIABLES = Set.of("DATABASE_URL", "SPRING_DATASOURCE_URL",
			"SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "JOB_COMPLETION_INDEX", "JAVA_TOOL_OPTIONS");

	@Test
	void everyEnvironmentNameInTheManifestsIsASettingTheApplicationReads() throws Exception {
		Set<String> settings = settingsReadByTheApplication();
		List<String> names = new ArrayList<>();
		for (Map<String, Object> manifest : manifests()) {
			if ("ConfigMap".equals(manifest.get("kind"))) {
				names.addAll(map(manifest.get("data")).keySet());
			}
			if ("Secret".equals(manifest.get("kind"))) {
				names.addAll(map(manifest.get("stringData")).keySet());
			}
			for (Map<String, Object> container : containers(manifest)) {
				for (Object env : list(container.get("env"))) {
					names.add((String) map(env).get("name"));
				}
			}
		}

		assertThat(names).isNotEmpty().contains("DATABASE_URL", "OPENAI_API_KEY", "CLIP_CACHE_DIR");
		assertThat(names).allSatisfy((name) -> assertThat(OTHER_KNOWN_VARIABLES.contains(name)
				|| settings.contains(normalised(name))).as("%s is a setting the application reads", name).isTrue());
	}

	@Test
	void scheduledJobsAreSafeToRunUnattended() throws Exception {
		List<Map<String, Object>> cronJobs = manifests().stream().filter((m) -> "CronJob".equals(m.get("kind"))).toList();

		assertThat(cronJobs).hasSizeGreaterThanOrEqualTo(3);
		for (Map<String, Object> cronJob : cronJobs) {
			Map<String, Object> spec = map(cronJob.get("spec"));
			Map<String, Object> jobSpec = map(map(spec.get("jobTemplate")).get("spec"));
			assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
			assertThat(spec).containsKey("startingDeadlineSeconds");
			assertThat(jobSpec).containsKeys("backoffLimit", "activeDeadlineSeconds");
			for (Map<String, Object> container : containers(cronJob)) {
				assertThat(list(container.get("args")).get(0)).isEqualTo("start");
				assertThat(map(map(container.get("resources")).get("limits"))).containsKey("memory");
				assertThat(list(container.get("envFrom"))).hasSize(2);
			}
		}
	}

	@Test
	void theIndexedJobSplitsTheScenesByCompletionIndex() throws Exception {
		Map<String, Object> indexed = manifests().stream()
			.filter((m) -> "Job".equals(m.get("kind")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> spec = map(indexed.get("spec"));

		assertThat(spec.get("completionMode")).isEqualTo("Indexed");
		assertThat(list(containers(indexed).get(0).get("args")))
			.contains("partitions=" + spec.get("completions"))
			.noneMatch((arg) -> arg.toString().startsWith("partition="));
	}

	@Test
	void theAdminServerServesHardenedBehindItsServiceAndNetworkPolicy() throws Exception {
		List<Map<String, Object>> manifests = manifests();
		Map<String, Object> deployment = manifests.stream()
			.filter((m) -> "Deployment".equals(m.get("kind")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> podLabels = map(map(map(map(deployment.get("spec")).get("template")).get("metadata"))
			.get("labels"));
		Map<String, Object> container = containers(deployment).get(0);

		assertThat(list(container.get("args"))).containsExactly("serve");
		assertThat(list(container.get("env")).stream().map((env) -> map(env)))
			.anySatisfy((env) -> assertThat(env.get("name")).isEqualTo("ADMIN_TOKEN"))
			.filteredOn((env) -> "ADMIN_TOKEN".equals(env.get("name")))
			.allSatisfy((env) -> assertThat(map(map(env.get("valueFrom")).get("secretKeyRef"))).containsKey("name"));
		assertThat(map(container.get("securityContext"))).containsEntry("allowPrivilegeEscalation", false)
			.containsEntry("readOnlyRootFilesystem", true);
		Map<String, Object> service = manifests.stream()
			.filter((m) -> "Service".equals(m.get("kind")))
			.findFirst()
			.orElseThrow();
		assertThat(podLabels).containsAllEntriesOf(map(map(service.get("spec")).get("selector")));
		Map<String, Object> policy = manifests.stream()
			.filter((m) -> "NetworkPolicy".equals(m.get("kind")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> policySpec = map(policy.get("spec"));
		assertThat(podLabels).containsAllEntriesOf(map(map(policySpec.get("podSelector")).get("matchLabels")));
		assertThat(list(policySpec.get("policyTypes"))).contains("Ingress");
		assertThat(list(policySpec.get("ingress"))).isNotEmpty()
			.allSatisfy((rule) -> assertThat(list(map(rule).get("from"))).isNotEmpty());
	}

	@Test
	void theDockerfileRunsTheBuiltJarAsANonRootUser() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		String entrypoint = Files.readString(Path.of("deploy/docker-entrypoint.sh"));
		String pom = Files.readString(Path.of("pom.xml"));

		assertThat(pom).contains("<finalName>scene-embedding-jobs</finalName>");
		assertThat(dockerfile).contains("COPY --from=build /src/target/extracted/application/ /app/")
			.contains("USER 10001:10001")
			.contains("ENTRYPOINT [\"/app/docker-entrypoint.sh\"]")
			.contains("VOLUME [\"/var/cache/clip\"]")
			.contains("CLIP_CACHE_DIR=/var/cache/clip")
			.contains("ARG BAKE_CLIP_MODEL")
			.contains("COPY deploy/jvm.options /app/jvm.options")
			// ONNX Runtime's libraries, taken out of its jar by the build stage, where the JVM is told to look
			.contains("COPY --from=build /src/target/onnxruntime-native/ /app/onnxruntime/")
			.contains("echo '-Donnxruntime.native.path=/app/onnxruntime' >> /app/jvm.options");
		assertThat(entrypoint).contains("app_home=\"${APP_HOME:-/app}\"")
			.contains("java \"@$app_home/jvm.options\" -jar \"$app_home/scene-embedding-jobs.jar\" \"$@\" &");
		assertThat(Files.readAllLines(Path.of("deploy/jvm.options"))).contains("-XX:MaxRAMPercentage=40");
		assertThat(dockerfile).contains("COPY --chmod=755 deploy/docker-entrypoint.sh /app/docker-entrypoint.sh");
	}

	@Test
	void theImageRunsTheJdkTheBenchMeasures() throws IOException {
		// given: the runtime stage, from its FROM line to the end
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));

		// then: Debian's OpenJDK, whose JPEG decoder is the system's libjpeg-turbo, the JDK the
		// README's bench figures come from; not one that bundles libjpeg 6b (twice the decoding CPU)
		assertThat(runtime).startsWith("\nFROM debian:bookworm").contains("openjdk-17-jre-headless")
			.doesNotContain("temurin");
	}

	private static Set<String> settingsReadByTheApplication() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Set<String> settings = new HashSet<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("com.heimdex.embeddings")) {
			Class<?> type = Class.forName(candidate.getBeanClassName());
			ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
			String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
			if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					settings.add(normalised(prefix + "." + component.getName()));
				}
			}
		}
		assertThat(settings).as("settings records found").hasSizeGreaterThan(10);
		return settings;
	}

	/** What relaxed binding ignores: case and separators ({@code CLIP_TIMEOUT_S} = {@code clip.timeoutS}). */
	private static String normalised(String name) {
		return name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
	}

	private static List<Map<String, Object>> manifests() throws IOException {
		List<Map<String, Object>> manifests = new ArrayList<>();
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).sorted().toList()) {
				try (Reader reader = Files.newBufferedReader(file)) {
					for (Object document : new Yaml().loadAll(reader)) {
						manifests.add(map(document));
					}
				}
			}
		}
		assertThat(manifests).hasSizeGreaterThanOrEqualTo(5);
		return manifests;
	}

	private static List<Map<String, Object>> containers(Map<String, Object> manifest) {
		Map<String, Object> spec = map(manifest.get("spec"));
		if ("CronJob".equals(manifest.get("kind"))) {
			spec = map(map(spec.get("jobTemplate")).get("spec"));
		}
		if (!spec.containsKey("template")) {
			return List.of();
		}
		return list(map(map(spec.get("template")).get("spec")).get("containers")).stream().map((c) -> map(c)).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

}

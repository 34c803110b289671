package com.heimdex.embeddings.deploy;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest under {@code deploy/k8s} against the Kubernetes API's schema, strictly, and the
 * hardening an operator expects of a batch workload: Pod Security "restricted", no retries of
 * failures a retry cannot fix, pinned images.
 *
 * <p>The schema is fabric8's kubernetes-model: Java types generated from the Kubernetes OpenAPI
 * description (one class per API type, one property per field). Fabric8 keeps fields it does not
 * know in each object's {@code additionalProperties} instead of failing, so the check walks the
 * whole deserialised object and fails on any such field, wherever it is: a misspelt or misplaced
 * field, which {@code kubectl apply} would drop or refuse, fails the test.
 */
class KubernetesManifestSchemaTest {

	private static final Path MANIFESTS = Path.of("deploy/k8s");

	private static final Map<String, Class<?>> TYPES = Map.of("v1/ConfigMap", ConfigMap.class, "v1/Secret",
			Secret.class, "batch/v1/CronJob", CronJob.class, "batch/v1/Job", Job.class, "apps/v1/Deployment",
			Deployment.class, "v1/Service", Service.class, "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

	private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

	@Test
	void everyManifestIsAKnownKubernetesTypeWithOnlyFieldsOfItsSchema() throws Exception {
		List<Object> objects = typedManifests();

		assertThat(objects).hasSizeGreaterThanOrEqualTo(5);
		for (Object object : objects) {
			assertThat(unknownFields(object)).as("fields outside the schema of %s", object.getClass().getSimpleName())
				.isEmpty();
		}
	}

	@Test
	void theStrictCheckFindsAMisspeltOrMisplacedField() {
		Map<String, Object> manifest = Map.of("apiVersion", "batch/v1", "kind", "Job", "spec",
				Map.of("ttlSecondsAfterFinish", 60, "template", Map.of("spec",
						Map.of("containers", List.of(Map.of("name", "job", "readOnlyRootFilesystem", true))))));

		Job job = this.mapper.convertValue(manifest, Job.class);

		assertThat(unknownFields(job)).containsExactlyInAnyOrder("Job.spec.ttlSecondsAfterFinish",
				"Job.spec.template.spec.containers[0].readOnlyRootFilesystem");
	}

	@Test
	void everyPodMeetsPodSecurityRestrictedWithWritableTmpAndModelCache() throws Exception {
		for (PodSpec pod : podSpecs()) {
			assertThat(pod.getAutomountServiceAccountToken()).isFalse();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
			assertThat(pod.getVolumes()).allSatisfy((volume) -> assertThat(volume.getHostPath()).isNull());
			for (Container container : pod.getContainers()) {
				assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
				assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
				assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
				assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
				assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
				Map<String, String> mounts = new java.util.HashMap<>();
				container.getVolumeMounts().forEach((mount) -> mounts.put(mount.getMountPath(), mount.getName()));
				assertThat(mounts).containsKey("/tmp");
				if (container.getArgs().contains("clipBackfill")) {
					assertThat(mounts).containsKey("/var/cache/clip");
				}
				mounts.values().forEach((name) -> assertThat(pod.getVolumes())
					.anySatisfy((volume) -> assertThat(volume.getName()).isEqualTo(name)));
				String image = container.getImage();
				assertThat(image).contains(":").doesNotEndWith(":latest");
			}
		}
	}

	@Test
	void exitCodesTwoAndThreeFailAtOnceAndDisruptionsAreNotCounted() throws Exception {
		List<JobSpec> jobs = jobSpecs();

		assertThat(jobs).hasSizeGreaterThanOrEqualTo(3);
		for (JobSpec job : jobs) {
			List<PodFailurePolicyRule> rules = job.getPodFailurePolicy().getRules();
			String expectedAction = "Indexed".equals(job.getCompletionMode()) ? "FailIndex" : "FailJob";
			assertThat(rules).anySatisfy((rule) -> {
				assertThat(rule.getAction()).isEqualTo(expectedAction);
				assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
				assertThat(rule.getOnExitCodes().getValues()).containsExactlyInAnyOrder(2, 3);
				assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo("job");
			});
			assertThat(rules).anySatisfy((rule) -> {
				assertThat(rule.getAction()).isEqualTo("Ignore");
				assertThat(rule.getOnPodConditions()).anySatisfy(
						(condition) -> assertThat(condition.getType()).isEqualTo("DisruptionTarget"));
			});
			assertThat(job.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
		}
	}

	@Test
	void cronJobsNameTheirTimeZoneAndTheIndexedJobIsCleanedUp() throws Exception {
		List<Object> objects = typedManifests();

		assertThat(objects).filteredOn(CronJob.class::isInstance)
			.isNotEmpty()
			.allSatisfy((cronJob) -> assertThat(((CronJob) cronJob).getSpec().getTimeZone()).isEqualTo("Etc/UTC"));
		assertThat(objects).filteredOn(Job.class::isInstance)
			.isNotEmpty()
			.allSatisfy((job) -> assertThat(((Job) job).getSpec().getTtlSecondsAfterFinished()).isPositive());
	}

	private List<JobSpec> jobSpecs() throws IOException {
		List<JobSpec> specs = new ArrayList<>();
		for (Object object : typedManifests()) {
			if (object instanceof CronJob cronJob) {
				specs.add(cronJob.getSpec().getJobTemplate().getSpec());
			}
			if (object instanceof Job job) {
				specs.add(job.getSpec());
			}
		}
		return specs;
	}

	/** The pods of the jobs and of the admin server's Deployment. */
	private List<PodSpec> podSpecs() throws IOException {
		List<PodSpec> pods = new ArrayList<>(jobSpecs().stream().map((job) -> job.getTemplate().getSpec()).toList());
		typedManifests().stream()
			.filter(Deployment.class::isInstance)
			.forEach((deployment) -> pods.add(((Deployment) deployment).getSpec().getTemplate().getSpec()));
		assertThat(pods).isNotEmpty();
		return pods;
	}

	private List<Object> typedManifests() throws IOException {
		List<Object> objects = new ArrayList<>();
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).sorted().toList()) {
				try (Reader reader = Files.newBufferedReader(file)) {
					for (Object document : new Yaml().loadAll(reader)) {
						Map<?, ?> manifest = (Map<?, ?>) document;
						Class<?> type = TYPES.get(manifest.get("apiVersion") + "/" + manifest.get("kind"));
						assertThat(type).as("%s: a Kubernetes type this test knows", file).isNotNull();
						objects.add(this.mapper.convertValue(manifest, type));
					}
				}
			}
		}
		return objects;
	}

	/** Paths of every field fabric8 kept aside as not part of its type's schema. */
	private static List<String> unknownFields(Object root) {
		List<String> unknown = new ArrayList<>();
		collectUnknown(root, root.getClass().getSimpleName(), unknown, new IdentityHashMap<>());
		return unknown;
	}

	private static void collectUnknown(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
		if (value == null || seen.put(value, Boolean.TRUE) != null) {
			return;
		}
		if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				collectUnknown(element, path + "[" + index++ + "]", unknown, seen);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> collectUnknown(element, path + "." + key, unknown, seen));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		try {
			for (PropertyDescriptor property : Introspector.getBeanInfo(value.getClass(), Object.class)
				.getPropertyDescriptors()) {
				Method getter = property.getReadMethod();
				if (getter == null) {
					continue;
				}
				Object field = getter.invoke(value);
				if (property.getName().equals("additionalProperties")) {
					((Map<?, ?>) field).keySet().forEach((key) -> unknown.add(path + "." + key));
				}
				else {
					collectUnknown(field, path + "." + property.getName(), unknown, seen);
				}
			}
		}
		catch (ReflectiveOperationException | java.beans.IntrospectionException ex) {
			throw new IllegalStateException("cannot read " + path, ex);
		}
	}

}

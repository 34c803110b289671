package com.heimdex.embeddings.thumbnail;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ThumbnailPropertiesTests {

	@Test
	void bindsTheDocumentedDefaults() {
		Binder binder = binderFor(Map.of());

		ThumbnailProperties properties = binder.bindOrCreate("thumbnails", ThumbnailProperties.class);

		assertThat(properties).isEqualTo(ThumbnailProperties.defaults());
		assertThat(properties.allowPrivateAddresses()).isFalse();
		assertThat(properties.maxBytes()).isEqualTo(DataSize.ofMegabytes(10));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(15));
		assertThat(binder.bindOrCreate("storage", StorageProperties.class)).isEqualTo(StorageProperties.none());
	}

	@Test
	void bindsTheDecodeBudgetFromTheEnvironmentOrTakesAShareOfTheHeap() {
		ThumbnailDecodeProperties defaults = binderFor(Map.of()).bindOrCreate("thumbnails",
				ThumbnailDecodeProperties.class);
		ThumbnailDecodeProperties set = binderFor(Map.of("THUMBNAILS_DECODE_MEMORY", "150MB",
				"THUMBNAILS_SUBSAMPLE_ABOVE_PIXELS", "2000000"))
			.bindOrCreate("thumbnails", ThumbnailDecodeProperties.class);

		assertThat(defaults.decodeMemoryBytes())
			.isEqualTo((long) (Runtime.getRuntime().maxMemory() * ThumbnailDecodeProperties.DEFAULT_HEAP_SHARE));
		assertThat(defaults.subsampleAbovePixels()).isEqualTo(4_000_000);
		assertThat(set.decodeMemoryBytes()).isEqualTo(150L << 20);
		assertThat(set.subsampleAbovePixels()).isEqualTo(2_000_000);
	}

	@Test
	void bindsTheOperatorsEnvironmentNames() {
		// given
		Binder binder = binderFor(Map.of("THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true", "THUMBNAILS_MAX_BYTES", "2500000",
				"THUMBNAILS_MAX_PIXELS", "1000000", "THUMBNAILS_READ_TIMEOUT", "2s", "STORAGE_BASE_URL",
				"https://storage.example.com/object/", "STORAGE_AUTH_TOKEN", "s3cret"));

		// when
		ThumbnailProperties thumbnails = binder.bindOrCreate("thumbnails", ThumbnailProperties.class);
		StorageProperties storage = binder.bindOrCreate("storage", StorageProperties.class);

		// then
		assertThat(thumbnails.allowPrivateAddresses()).isTrue();
		assertThat(thumbnails.maxBytes().toBytes()).isEqualTo(2_500_000);
		assertThat(thumbnails.maxPixels()).isEqualTo(1_000_000);
		assertThat(thumbnails.readTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(storage.baseUrl()).isEqualTo(URI.create("https://storage.example.com/object/"));
		assertThat(storage.authToken()).isEqualTo("s3cret");
	}

	@Test
	void refusesSettingsThatCannotWork() {
		Binder binder = binderFor(Map.of("THUMBNAILS_MAX_ATTEMPTS", "0"));

		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder.bindOrCreate("thumbnails", ThumbnailProperties.class))
			.withStackTraceContaining("thumbnails.max-attempts must be positive");
	}

	@Test
	void theStorageTokenGoesOnlyOverHttpsUnlessHttpIsExplicitlyAllowed() {
		Map<String, Object> httpWithToken = Map.of("STORAGE_BASE_URL", "http://storage.internal:9000/thumbnails/",
				"STORAGE_AUTH_TOKEN", "s3cret-token");

		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binderFor(httpWithToken).bindOrCreate("storage", StorageProperties.class))
			.withStackTraceContaining("STORAGE_AUTH_TOKEN would travel unencrypted")
			.withStackTraceContaining("STORAGE_ALLOW_HTTP=true")
			.satisfies((ex) -> assertThat(ex.toString() + ex.getCause()).doesNotContain("s3cret-token"));
		Map<String, Object> allowed = new java.util.HashMap<>(httpWithToken);
		allowed.put("STORAGE_ALLOW_HTTP", "true");
		assertThat(binderFor(allowed).bindOrCreate("storage", StorageProperties.class).allowHttp()).isTrue();
		assertThat(binderFor(Map.of("STORAGE_BASE_URL", "https://storage.example.com/t/", "STORAGE_AUTH_TOKEN", "s3cret"))
			.bindOrCreate("storage", StorageProperties.class)
			.authToken()).isEqualTo("s3cret");
		assertThat(binderFor(Map.of("STORAGE_BASE_URL", "http://storage.internal:9000/public/"))
			.bindOrCreate("storage", StorageProperties.class)
			.authToken()).as("no token, nothing to protect").isNull();
	}

	@Test
	void neverPrintsTheStorageToken() {
		StorageProperties storage = new StorageProperties(URI.create("https://storage.example.com/o/?sig=abc"),
				"s3cret-token");

		assertThat(storage.toString()).doesNotContain("s3cret-token").doesNotContain("sig=abc")
			.contains("storage.example.com");
	}

	@Test
	void wiresTheFetcherAndDecoderFromBoundSettings() {
		new ApplicationContextRunner().withUserConfiguration(ThumbnailBeans.class)
			.withPropertyValues("thumbnails.max-pixels=100", "storage.base-url=http://127.0.0.1:9/storage/")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ThumbnailFetcher.class).hasSingleBean(ThumbnailDecoder.class);
				ThumbnailDecoder decoder = context.getBean(ThumbnailDecoder.class);
				ThumbnailDecoderTests.assertFailure(() -> decoder.decode(TestImages.png(11, 10)),
						ThumbnailFailure.IMAGE_TOO_LARGE);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ThumbnailProperties.class, ThumbnailDecodeProperties.class, StorageProperties.class })
	@Import({ ThumbnailFetcher.class, ThumbnailDecoder.class })
	static class ThumbnailBeans {

	}

	private static Binder binderFor(Map<String, Object> environmentVariables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					environmentVariables));
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment);
	}

}

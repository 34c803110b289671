package com.heimdex.embeddings.clip;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binds {@link ClipProperties} from environment variables the way the application does. */
final class ClipTestProperties {

	private ClipTestProperties() {
	}

	static ClipProperties fromEnvironment(Map<String, ?> variables) {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables));
		return new Binder(ConfigurationPropertySources.from(environment)).bindOrCreate("clip", ClipProperties.class);
	}

}

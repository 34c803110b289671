package com.heimdex.embeddings.admin;

import com.heimdex.embeddings.spec.EmbeddingSpecs;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where the admin server listens once it does. */
@Component
@ConditionalOnWebApplication
class AdminServerStartedLog {

	private static final Log logger = LogFactory.getLog(AdminServerStartedLog.class);

	private final EmbeddingSpecs specs;

	AdminServerStartedLog(EmbeddingSpecs specs) {
		this.specs = specs;
	}

	@EventListener
	void started(WebServerInitializedEvent event) {
		logger.info("Admin server listening on port " + event.getWebServer().getPort() + " (page /admin, API /v1/admin, "
				+ "OpenAPI /v3/api-docs; embedding spec " + this.specs.current().version() + ")");
	}

}

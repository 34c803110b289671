package com.heimdex.embeddings.admin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's OpenAPI 3.1 description, written by hand next to the code it describes (a test holds
 * it to the controllers' mappings), served at the usual {@code /v3/api-docs}.
 */
@RestController
@ConditionalOnWebApplication
class OpenApiController {

	static final String DESCRIPTION = "admin/openapi.json";

	@GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Resource> openApi() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new ClassPathResource(DESCRIPTION));
	}

}

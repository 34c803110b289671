package com.heimdex.embeddings.admin;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The served OpenAPI description says exactly what the controllers map, with their answers. */
@AutoConfigureMockMvc
class OpenApiDescriptionTests extends AdminServerTest {

	@Autowired
	private MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void describesEveryOperationOfTheApiAndNothingElse() throws Exception {
		// when
		String body = this.mvc.perform(get("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode description = JsonMapper.builder().build().readTree(body);

		// then
		assertThat(description.get("openapi").asString()).startsWith("3.1");
		Set<String> described = new TreeSet<>();
		description.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			described.add(operation.getKey().toUpperCase() + " " + path.getKey());
			assertThat(operation.getValue().get("responses").has("401")).as("%s %s answers 401", operation.getKey(),
					path.getKey()).isTrue();
		}));
		Set<String> mapped = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			for (String pattern : mapping.getKey().getPatternValues()) {
				if (pattern.startsWith("/v1/") || pattern.startsWith("/v3/")) {
					for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
						mapped.add(method.name() + " " + pattern);
					}
				}
			}
		}
		assertThat(described).isEqualTo(mapped);
		assertThat(description.at("/paths/~1v1~1admin~1reprocess-embeddings/post/responses").propertyNames())
			.contains("202", "400", "409");
	}

}

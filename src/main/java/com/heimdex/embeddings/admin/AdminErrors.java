package com.heimdex.embeddings.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.JobAlreadyRunningException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The API's error answers, always {@code {"error": "...", "field": ...}}: 400 for a request that
 * is not allowed (naming the field or parameter), 404 for an unknown job or execution, 409 when
 * the job already runs or the execution is not running, 415 for a body that is not JSON, 503
 * while the server shuts down.
 */
@RestControllerAdvice(assignableTypes = { AdminApiController.class, ReprocessEmbeddingsController.class })
@ConditionalOnWebApplication
class AdminErrors {

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalidField(InvalidRequestFieldException ex) {
		return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalidParameters(InvalidJobArgumentsException ex) {
		return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), null);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		return answer(HttpStatus.BAD_REQUEST, "the request body is not the expected JSON object", "body");
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return answer(HttpStatus.BAD_REQUEST, "'" + ex.getValue() + "' is not a valid " + ex.getName(), ex.getName());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> notJson(HttpMediaTypeNotSupportedException ex) {
		return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as Content-Type: application/json", null);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> unknown(UnknownResourceException ex) {
		return answer(HttpStatus.NOT_FOUND, ex.getMessage(), null);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> alreadyRunning(JobAlreadyRunningException ex) {
		return answer(HttpStatus.CONFLICT, ex.getMessage(), null);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> notRunning(ExecutionStateException ex) {
		return answer(HttpStatus.CONFLICT, ex.getMessage(), null);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> shuttingDown(ServerStoppingException ex) {
		return answer(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage(), null);
	}

	private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String message, String field) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		body.put("field", field);
		return ResponseEntity.status(status).body(body);
	}

}

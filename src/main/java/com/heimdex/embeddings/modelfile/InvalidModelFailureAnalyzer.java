package com.heimdex.embeddings.modelfile;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a model refused at start as Spring Boot reports an invalid setting (what is wrong, what
 * to do) instead of a stack trace: the message already names the setting, the expected and the
 * found contract.
 */
class InvalidModelFailureAnalyzer extends AbstractFailureAnalyzer<InvalidModelException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidModelException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the model setting the description names: a model file of the named format, or the format of"
						+ " the model.",
				cause);
	}

}

package com.heimdex.embeddings.modelfile;

/**
 * A model cannot be used as configured, and trying again will not help: the configured file is
 * missing or unreadable, the file is not a model ONNX Runtime loads, or its inputs and outputs do
 * not fit the contract its settings name. An invalid setting: the command line exits 2 when this
 * stops a start.
 */
public class InvalidModelException extends ModelFileException {

	public InvalidModelException(String message) {
		super(message);
	}

	public InvalidModelException(String message, Throwable cause) {
		super(message, cause);
	}

}

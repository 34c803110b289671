package com.heimdex.embeddings.batch;

/**
 * The database schema lacks migrations of this release and the jobs may not apply them
 * ({@code DATABASE_MIGRATE=false}); nothing was started. Exit code 2, as for any setting that
 * does not fit.
 */
public class SchemaNotCurrentException extends InvalidJobArgumentsException {

	public SchemaNotCurrentException(String message) {
		super(message);
	}

}

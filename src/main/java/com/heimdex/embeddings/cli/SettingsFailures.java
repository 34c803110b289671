package com.heimdex.embeddings.cli;

import com.heimdex.embeddings.modelfile.InvalidModelException;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.boot.context.properties.bind.BindException;

/** Turns an invalid or missing setting found at start-up into one line naming it. */
final class SettingsFailures {

	private SettingsFailures() {
	}

	/** @return the line to print, or {@code null} when the failure is not about settings */
	static String describe(Throwable failure) {
		BindException bind = CommandLine.find(failure, BindException.class);
		if (bind != null) {
			Throwable reason = (bind.getCause() != null) ? bind.getCause() : bind;
			if (reason instanceof BeanInstantiationException && reason.getCause() != null) {
				// a settings record's own check says what is wrong, not "Failed to instantiate"
				reason = reason.getCause();
			}
			String value = (bind.getProperty() != null) ? " '" + bind.getProperty().getValue() + "'" : "";
			return "invalid setting " + bind.getName() + value + ": " + reason.getMessage();
		}
		InvalidModelException model = CommandLine.find(failure, InvalidModelException.class);
		if (model != null) {
			// a model loaded at start that its settings do not describe (a detector of another format)
			return model.getMessage();
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getSimpleName().equals("DataSourceBeanCreationException")) {
				return "no database configured: set SPRING_DATASOURCE_URL (jdbc:postgresql://host:5432/db) or "
						+ "DATABASE_URL (postgres://user:password@host:5432/db)";
			}
		}
		return null;
	}

}

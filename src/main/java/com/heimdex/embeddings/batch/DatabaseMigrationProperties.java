package com.heimdex.embeddings.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether commands migrate the database schema. Set through {@code DATABASE_MIGRATE}.
 *
 * @param migrate {@code true} (the default): every command that touches the database applies
 * pending migrations first, which needs a role allowed to change the schema; {@code false}: the
 * jobs only check that the schema is current and refuse to start when it is not, so they can run
 * with a role without DDL rights while the {@code migrate} command (an init container, a pipeline
 * step) runs with one
 */
@ConfigurationProperties("database")
public record DatabaseMigrationProperties(@DefaultValue("true") boolean migrate) {

}

package com.heimdex.embeddings;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SceneEmbeddingJobsApplication {

	public static void main(String[] args) {
		System.exit(com.heimdex.embeddings.cli.CommandLine.run(args));
	}

}

package com.heimdex.embeddings;

import com.heimdex.embeddings.cli.CommandLine;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SceneEmbeddingJobsApplication {

	public static void main(String[] args) {
		System.exit(CommandLine.run(args));
	}

}

package com.heimdex.embeddings.sceneperson;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a detected person is matched to the owner's persons.
 *
 * @param threshold the cosine similarity between a detection's CLIP vector and a person's query
 * embedding at or above which the detection is that person's, the most similar person winning
 * ({@code PERSON_MATCH_THRESHOLD})
 */
@ConfigurationProperties("person.match")
public record PersonMatchProperties(@DefaultValue("0.85") double threshold) {

	public PersonMatchProperties {
		if (!(threshold >= -1 && threshold <= 1)) {
			throw new IllegalArgumentException(
					"PERSON_MATCH_THRESHOLD must be a cosine similarity between -1 and 1, was " + threshold);
		}
	}

}

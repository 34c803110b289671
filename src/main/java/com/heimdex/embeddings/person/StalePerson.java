package com.heimdex.embeddings.person;

import java.util.List;
import java.util.UUID;

/**
 * A person whose query embedding is to be computed again.
 *
 * @param id person id (the keyset order)
 * @param ownerId its owner
 * @param photosSha256 SHA-256 of its READY photos (ids and vectors), which the query records
 * @param photoVectors the vectors of its READY photos, in photo id order; empty without any
 */
public record StalePerson(UUID id, UUID ownerId, String photosSha256, List<float[]> photoVectors) {
}

package com.heimdex.embeddings.person;

import java.util.UUID;

/**
 * What a photo's embedding gave.
 *
 * @param photoId the photo
 * @param embedding its vector, or {@code null} when it failed
 * @param metadataJson {@code embedding_metadata}: the vector's, or the failure's
 */
public record PhotoResult(UUID photoId, float[] embedding, String metadataJson) {
}

package com.heimdex.embeddings.sceneperson;

/**
 * A person found in a scene's thumbnail: its box and the CLIP vector of its crop.
 *
 * @param box where, in source pixels
 * @param embedding the crop's CLIP vector
 */
public record SceneDetection(PersonBox box, float[] embedding) {
}

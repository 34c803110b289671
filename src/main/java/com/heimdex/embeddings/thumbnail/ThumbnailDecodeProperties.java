package com.heimdex.embeddings.thumbnail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much memory decoding thumbnails may take, whatever the images are. Operators set these
 * through the environment: {@code THUMBNAILS_DECODE_MEMORY}, {@code THUMBNAILS_SUBSAMPLE_ABOVE_PIXELS}.
 *
 * @param decodeMemory heap that the images being decoded and resampled at once may take together
 * (decoded pixels and working arrays, estimated from each image's header before decoding); an
 * image waits until its share is free, and one that needs more than all of it is refused with
 * {@code image_too_large}; unset means {@link #DEFAULT_HEAP_SHARE} of the JVM's maximum heap
 * @param subsampleAbovePixels images of more pixels than this are decoded subsampled (every n-th
 * pixel of every n-th row, n as small as brings them within it, never below 224 pixels on the
 * short side), as only 224x224 pixels are kept; smaller images are decoded whole and preprocessed
 * exactly as Pillow does
 */
@ConfigurationProperties("thumbnails")
public record ThumbnailDecodeProperties(DataSize decodeMemory,
		@DefaultValue("4000000") long subsampleAbovePixels) {

	/** Share of the maximum heap that decoding may take when {@code decodeMemory} is unset. */
	public static final double DEFAULT_HEAP_SHARE = 0.35;

	public ThumbnailDecodeProperties {
		if (decodeMemory != null && decodeMemory.toBytes() < DataSize.ofMegabytes(1).toBytes()) {
			throw new IllegalArgumentException("thumbnails.decode-memory must be at least 1MB, was " + decodeMemory);
		}
		if (subsampleAbovePixels < 224L * 224) {
			throw new IllegalArgumentException(
					"thumbnails.subsample-above-pixels must be at least 50176 (224x224), was " + subsampleAbovePixels);
		}
	}

	/** The defaults above, as a starting point for code that does not bind settings. */
	public static ThumbnailDecodeProperties defaults() {
		return new ThumbnailDecodeProperties(null, 4_000_000L);
	}

	/** Bytes of decode memory: the setting, or the default share of the JVM's maximum heap. */
	public long decodeMemoryBytes() {
		return (this.decodeMemory != null) ? this.decodeMemory.toBytes()
				: (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);
	}

}

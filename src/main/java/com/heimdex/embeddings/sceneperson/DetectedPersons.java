package com.heimdex.embeddings.sceneperson;

import java.util.List;

import com.heimdex.embeddings.pipeline.CropBox;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;

/** The {@link PersonFinder} of a {@link PersonDetector}: its boxes with the source image's size. */
public final class DetectedPersons implements PersonFinder {

	private final PersonDetector detector;

	public DetectedPersons(PersonDetector detector) {
		this.detector = detector;
	}

	@Override
	public List<PersonBox> find(DecodedThumbnail thumbnail) {
		return this.detector.detect(thumbnail)
			.stream()
			.map((box) -> new PersonBox(box.x1(), box.y1(), box.x2(), box.y2(), box.score(), thumbnail.sourceWidth(),
					thumbnail.sourceHeight()))
			.toList();
	}

	@Override
	public CropBox cropFor(PersonBox box) {
		return this.detector.cropFor(box.box(), box.imageWidth(), box.imageHeight());
	}

}

package com.heimdex.embeddings.sceneperson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which id each new detection of a scene gets: the id of the previous detection its box overlaps
 * by IoU over {@link #SAME_DETECTION_IOU} (the best overlapping pairs first, each previous id taken
 * once), else a new one; so references to a detection survive a re-run, as Immich's face refresh
 * keeps its faces.
 */
final class DetectionIds {

	/** Boxes overlapping more than this are the same detection. */
	static final double SAME_DETECTION_IOU = 0.5;

	private DetectionIds() {
	}

	/**
	 * @param previous the scene's stored detections by id
	 * @param boxes the new boxes, in order
	 * @return an id per new box, in the same order
	 */
	static List<UUID> assign(Map<UUID, PersonBox> previous, List<PersonBox> boxes) {
		record Pair(int box, UUID id, double iou) {
		}
		List<Pair> pairs = new ArrayList<>();
		for (int i = 0; i < boxes.size(); i++) {
			for (Map.Entry<UUID, PersonBox> entry : previous.entrySet()) {
				double iou = boxes.get(i).iou(entry.getValue());
				if (iou > SAME_DETECTION_IOU) {
					pairs.add(new Pair(i, entry.getKey(), iou));
				}
			}
		}
		pairs.sort(Comparator.comparingDouble(Pair::iou).reversed().thenComparing(Pair::box));
		UUID[] ids = new UUID[boxes.size()];
		List<UUID> taken = new ArrayList<>();
		for (Pair pair : pairs) {
			if (ids[pair.box()] == null && !taken.contains(pair.id())) {
				ids[pair.box()] = pair.id();
				taken.add(pair.id());
			}
		}
		for (int i = 0; i < ids.length; i++) {
			if (ids[i] == null) {
				ids[i] = UUID.randomUUID();
			}
		}
		return List.of(ids);
	}

}

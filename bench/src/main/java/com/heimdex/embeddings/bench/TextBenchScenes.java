package com.heimdex.embeddings.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.heimdex.embeddings.text.TextTokenizer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenes with short texts as the indexing pipeline writes them: a transcript of 25-90 words, a visual
 * description of 12-40 words and 3-8 tags, drawn from a seeded vocabulary so that every text is
 * distinct (no cache hits) and a run is the same every time. One video per 100 scenes.
 */
final class TextBenchScenes {

	private static final int SCENES_PER_VIDEO = 100;

	private static final String[] WORDS = ("so the thing is we were going to meet at the station but then the train"
			+ " was late and everyone just waited there for about an hour you know I think it was raining too and"
			+ " she said we should really start the interview now because the light is going away okay let me show"
			+ " you how this works first you take the camera turn it on and check the battery right here next week"
			+ " we launch the new product our customers have been asking for this since last year honestly I did not"
			+ " expect the market to react like that the numbers look good though revenue grew twelve percent")
		.split(" ");

	private static final String[] SHOTS = { "A wide shot of", "A close-up of", "A medium shot of", "An aerial view of",
			"A handheld shot of", "A slow pan across", "An over-the-shoulder shot of", "A static shot of" };

	private static final String[] SUBJECTS = { "a woman in a red coat", "two men in suits", "a crowded street market",
			"a laptop on a wooden desk", "a child holding a balloon", "a train platform", "a kitchen counter",
			"a presenter on a stage", "a dog running on the beach", "a city skyline at dusk", "a whiteboard with notes",
			"a group of students", "a car parked by the road", "a coffee cup and a notebook" };

	private static final String[] DETAILS = { "soft natural light from the left", "people walking in the background",
			"a blurred background", "warm evening colours", "rain on the window", "a logo visible on the wall",
			"bright overhead lighting", "shallow depth of field", "text overlay at the bottom", "the camera moving slowly",
			"a plant in the corner", "reflections on the glass" };

	private static final String[] TAGS = { "outdoor", "indoor", "person", "people", "city", "nature", "interview",
			"product", "office", "street", "night", "day", "close-up", "wide", "food", "vehicle", "animal", "sports",
			"presentation", "text", "logo", "crowd", "water", "building", "technology", "talking", "walking", "music" };

	private static final TextTokenizer TOKENIZER = new TextTokenizer(Integer.MAX_VALUE);

	private TextBenchScenes() {
	}

	/** A scene's texts as stored. */
	record SceneTexts(String transcript, String visualDescription, List<String> tags) {

		/** The visual channel's text as the job forms it: description, a blank line, {@code Tags: a, b}. */
		String visualText() {
			return this.visualDescription + "\n\nTags: " + String.join(", ", this.tags);
		}

	}

	static List<SceneTexts> generate(int count, long seed) {
		Random random = new Random(seed);
		List<SceneTexts> scenes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			scenes.add(new SceneTexts(transcript(random), description(random), tags(random)));
		}
		return scenes;
	}

	/** Tokens of every channel text the job embeds for these scenes. */
	static long tokens(List<SceneTexts> scenes) {
		return scenes.stream()
			.mapToLong((scene) -> TOKENIZER.countTokens(scene.transcript()) + TOKENIZER.countTokens(scene.visualText()))
			.sum();
	}

	static void insert(JdbcTemplate jdbc, List<SceneTexts> texts) {
		UUID owner = UUID.randomUUID();
		List<Object[]> videos = new ArrayList<>();
		List<Object[]> scenes = new ArrayList<>();
		UUID video = null;
		for (int i = 0; i < texts.size(); i++) {
			if (i % SCENES_PER_VIDEO == 0) {
				video = UUID.randomUUID();
				videos.add(new Object[] { video, owner });
			}
			SceneTexts scene = texts.get(i);
			scenes.add(new Object[] { UUID.randomUUID(), video, owner, i % SCENES_PER_VIDEO, scene.transcript(),
					scene.visualDescription(), "{" + String.join(",", scene.tags()) + "}" });
		}
		jdbc.batchUpdate("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", videos);
		jdbc.batchUpdate("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript, visual_description, tags)
				VALUES (?, ?, ?, ?, ?, ?, ?::text[])""", scenes);
	}

	/** Channel texts left without a vector or with an error recorded; 0 when nothing was lost. */
	static long failures(JdbcTemplate jdbc) {
		Long failures = jdbc.queryForObject("""
				SELECT count(*) FILTER (WHERE embedding_transcript IS NULL)
				     + count(*) FILTER (WHERE embedding_visual IS NULL)
				     + count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_each(text_embedding_metadata) AS c(channel, entry)
				                                      WHERE c.entry ->> 'error' IS NOT NULL))
				FROM video_scenes""", Long.class);
		return (failures != null) ? failures : -1;
	}

	private static String transcript(Random random) {
		StringBuilder text = new StringBuilder();
		int words = 25 + random.nextInt(66);
		for (int i = 0; i < words; i++) {
			String word = WORDS[random.nextInt(WORDS.length)];
			boolean sentenceStart = i == 0 || text.charAt(text.length() - 2) == '.';
			text.append(sentenceStart ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
			text.append((i == words - 1 || random.nextInt(12) == 0) ? ". " : " ");
		}
		return text.toString().trim();
	}

	private static String description(Random random) {
		StringBuilder text = new StringBuilder(SHOTS[random.nextInt(SHOTS.length)]).append(' ')
			.append(SUBJECTS[random.nextInt(SUBJECTS.length)]);
		int details = 1 + random.nextInt(4);
		for (int i = 0; i < details; i++) {
			text.append((i == 0) ? " with " : ", ").append(DETAILS[random.nextInt(DETAILS.length)]);
		}
		return text.append('.').toString();
	}

	private static List<String> tags(Random random) {
		List<String> tags = new ArrayList<>();
		int count = 3 + random.nextInt(6);
		while (tags.size() < count) {
			String tag = TAGS[random.nextInt(TAGS.length)];
			if (!tags.contains(tag)) {
				tags.add(tag);
			}
		}
		return tags;
	}

}

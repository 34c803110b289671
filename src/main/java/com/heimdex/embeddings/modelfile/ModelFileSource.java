package com.heimdex.embeddings.modelfile;

import java.nio.file.Path;

/**
 * Where a model file comes from, as its settings say: a local file, or a pinned URL whose
 * download must hash to a sha256 and is kept in a cache directory. The names are the operators'
 * environment names, for messages that point at the setting to fix.
 *
 * @param label what the model is, in messages and logs, e.g. {@code CLIP model}
 * @param settingPrefix the prefix of the model's settings, e.g. {@code CLIP} for
 * {@code CLIP_MODEL_PATH}, {@code CLIP_MODEL_URL} and {@code CLIP_MODEL_SHA256}
 * @param path a local file; when set, nothing is downloaded
 * @param url where the file is downloaded from when no path is set
 * @param sha256 what the downloaded or cached file must hash to (lower-case hex)
 * @param cacheDir where downloaded files are kept, as {@code <sha256>.onnx}
 * @param cacheDirSetting the setting that names {@code cacheDir}, e.g. {@code CLIP_CACHE_DIR}
 */
public record ModelFileSource(String label, String settingPrefix, Path path, String url, String sha256,
		Path cacheDir, String cacheDirSetting) {

	String pathSetting() {
		return this.settingPrefix + "_MODEL_PATH";
	}

	String urlSetting() {
		return this.settingPrefix + "_MODEL_URL";
	}

	String sha256Setting() {
		return this.settingPrefix + "_MODEL_SHA256";
	}

}

package com.heimdex.embeddings.deploy;

import java.util.ArrayList;
import java.util.List;

/** A program that runs out of heap, run by {@link OutOfMemoryExitTests} under the deployed JVM options. */
public final class HeapExhaustion {

	private HeapExhaustion() {
	}

	public static void main(String[] args) {
		List<long[]> kept = new ArrayList<>();
		while (true) {
			kept.add(new long[1 << 20]);
		}
	}

}

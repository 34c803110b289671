package com.heimdex.embeddings.cli;

/** Entry point of the command line; replaced by the full dispatcher. */
public final class CommandLine {

	private CommandLine() {
	}

	public static int run(String[] args) {
		return 2;
	}

}

package com.heimdex.embeddings.testmodel;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ONNX {@code ModelProto}: one graph plus the operator sets it imports, written as a .onnx file. */
public final class OnnxModel {

	/** IR version 8 goes with opset 17 and is read by every ONNX Runtime since 1.12. */
	private static final long IR_VERSION = 8;

	private final OnnxGraph graph;

	private final Map<String, Long> opsets = new LinkedHashMap<>();

	/** A model of the graph importing the default operator set at version 17. */
	public OnnxModel(OnnxGraph graph) {
		this.graph = graph;
		opsets.put("", 17L);
	}

	/** Imports (or re-versions) an operator set, e.g. {@code ("com.microsoft", 1)}. */
	public OnnxModel opset(String domain, long version) {
		opsets.put(domain, version);
		return this;
	}

	public void writeTo(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
			writeTo(out);
		}
	}

	public void writeTo(OutputStream out) throws IOException {
		toProto().writeTo(out);
	}

	ProtoMessage toProto() {
		// ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8;
		// OperatorSetIdProto: domain = 1, version = 2
		ProtoMessage model = new ProtoMessage().varint(1, IR_VERSION).string(2, "scene-embedding-jobs");
		opsets.forEach((domain, version) -> model.message(8, new ProtoMessage().string(1, domain).varint(2, version)));
		return model.message(7, graph.toProto());
	}

}

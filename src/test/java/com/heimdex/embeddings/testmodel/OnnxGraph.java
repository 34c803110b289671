package com.heimdex.embeddings.testmodel;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an ONNX {@code GraphProto}: typed inputs and outputs (with symbolic dimensions),
 * initializers and nodes, in topological order as ONNX requires.
 */
public final class OnnxGraph {

	// GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12
	private final ProtoMessage proto = new ProtoMessage();

	private int nodeCount;

	private final Map<String, Integer> operatorCounts = new TreeMap<>();

	public OnnxGraph(String name) {
		proto.string(2, name);
	}

	public OnnxGraph input(String name, OnnxDataType type, OnnxDim... shape) {
		proto.message(11, valueInfo(name, type, shape));
		return this;
	}

	public OnnxGraph output(String name, OnnxDataType type, OnnxDim... shape) {
		proto.message(12, valueInfo(name, type, shape));
		return this;
	}

	public OnnxGraph initializer(OnnxTensor tensor) {
		proto.message(5, tensor.toProto());
		return this;
	}

	/** Adds a node of the default ({@code ai.onnx}) domain. */
	public OnnxGraph node(String opType, List<String> inputs, List<String> outputs, OnnxAttribute... attributes) {
		return node("", opType, inputs, outputs, attributes);
	}

	/** Adds a node of the given operator domain (e.g. {@code com.microsoft}); an empty input name means "absent". */
	public OnnxGraph node(String domain, String opType, List<String> inputs, List<String> outputs,
			OnnxAttribute... attributes) {
		// NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7
		ProtoMessage node = new ProtoMessage();
		inputs.forEach((input) -> node.string(1, input));
		outputs.forEach((output) -> node.string(2, output));
		node.string(3, opType + "_" + nodeCount++);
		operatorCounts.merge(opType, 1, Integer::sum);
		node.string(4, opType);
		for (OnnxAttribute attribute : attributes) {
			node.message(5, attribute.toProto());
		}
		if (!domain.isEmpty()) {
			node.string(7, domain);
		}
		proto.message(1, node);
		return this;
	}

	/** How many nodes of each operator type the graph has. */
	Map<String, Integer> operatorCounts() {
		return Map.copyOf(operatorCounts);
	}

	ProtoMessage toProto() {
		return proto;
	}

	private static ProtoMessage valueInfo(String name, OnnxDataType type, OnnxDim... shape) {
		// ValueInfoProto { name = 1, type = 2 }, TypeProto { tensor_type = 1 },
		// TypeProto.Tensor { elem_type = 1, shape = 2 }, TensorShapeProto { dim = 1 }
		ProtoMessage dims = new ProtoMessage();
		for (OnnxDim dim : shape) {
			dims.message(1, dim.toProto());
		}
		ProtoMessage tensorType = new ProtoMessage().varint(1, type.code()).message(2, dims);
		return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
	}

}

package com.heimdex.embeddings.clip;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves one model file over HTTP on 127.0.0.1 and counts the downloads, as a model hub would. */
final class ModelServer implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger modelRequests = new AtomicInteger();

	ModelServer(byte[] model) throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/model.onnx", (exchange) -> {
			modelRequests.incrementAndGet();
			exchange.sendResponseHeaders(200, model.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(model);
			}
		});
		server.createContext("/moved.onnx", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "/model.onnx");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.createContext("/missing.onnx", (exchange) -> {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	int modelRequests() {
		return modelRequests.get();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}

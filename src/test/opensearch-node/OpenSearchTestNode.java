import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch with the HTTP API on loopback, for the lexical-index tests where no
 * Docker engine answers. Run in source-file mode on the classpath of pom.xml beside it:
 * {@code java -cp <classpath> OpenSearchTestNode.java <home directory>}. It prints
 * {@code http=<port>} once the node is started, and stops when its standard input closes (the
 * test JVM that started it ended).
 */
public class OpenSearchTestNode {

	public static void main(String[] args) throws Exception {
		Path home = Path.of(args[0]).toAbsolutePath();
		Files.createDirectories(home.resolve("config"));
		Files.createDirectories(home.resolve("plugins"));
		Settings settings = Settings.builder()
			.put("path.home", home.toString())
			.put("path.data", home.resolve("data").toString())
			.put("path.logs", home.resolve("logs").toString())
			.put("cluster.name", "lexical-index-tests")
			.put("node.name", "test-node")
			.put("discovery.type", "single-node")
			.put("network.host", "127.0.0.1")
			.put("http.port", "0")
			.put("transport.port", "0")
			.put("http.type", "netty4")
			.put("transport.type", "netty4")
			// a test machine's disk may be fuller than the default watermarks allow
			.put("cluster.routing.allocation.disk.threshold_enabled", false)
			.put("action.auto_create_index", false)
			.build();
		Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null,
				() -> "test-node");
		Node node = new Node(environment, List.of(Netty4Plugin.class), true) {
		};
		node.start();
		int port = node.injector()
			.getInstance(org.opensearch.http.HttpServerTransport.class)
			.boundAddress()
			.publishAddress()
			.getPort();
		System.out.println("http=" + port);
		System.out.flush();
		CountDownLatch stdinClosed = new CountDownLatch(1);
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// the parent writes nothing; end of input means it is gone
				}
			}
			catch (java.io.IOException ex) {
				// the same: the parent is gone
			}
			stdinClosed.countDown();
		});
		watcher.setDaemon(true);
		watcher.start();
		stdinClosed.await();
		node.close();
		System.exit(0);
	}

}

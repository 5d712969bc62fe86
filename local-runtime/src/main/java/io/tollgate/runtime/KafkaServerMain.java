package io.tollgate.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Entry point of the child JVM started by {@link KafkaBroker}: formats the log directory on first
 * use, runs a combined broker and controller, and shuts it down cleanly when its standard input
 * ends, which happens when the parent closes the pipe or dies.
 *
 * <p>Usage: {@code java -cp ... io.tollgate.runtime.KafkaServerMain server.properties}
 */
public final class KafkaServerMain {

  private KafkaServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: KafkaServerMain <server.properties>");
      System.exit(2);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    KafkaConfig config = KafkaConfig.fromProps(properties, false);
    formatIfNeeded(config, properties.getProperty("log.dirs"));

    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    AtomicBoolean stopped = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (stopped.compareAndSet(false, true)) {
                    server.shutdown();
                    server.awaitShutdown();
                  }
                },
                "kafka-shutdown"));
    try {
      server.startup();
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
    awaitEndOfInput(System.in);
    // the shutdown hook performs the clean shutdown, for this path and for SIGTERM alike
    System.exit(0);
  }

  private static void formatIfNeeded(KafkaConfig config, String logDirs) throws Exception {
    List<String> directories = List.of(logDirs.split(","));
    // a formatted directory keeps its cluster id and data; the Formatter would reject a new id
    if (directories.stream().allMatch(dir -> Files.exists(Path.of(dir, "meta.properties")))) {
      return;
    }
    new Formatter()
        .setClusterId(Uuid.randomUuid().toString())
        .setNodeId(config.nodeId())
        .setControllerListenerName("CONTROLLER")
        .setDirectories(directories)
        .setMetadataLogDirectory(config.metadataLogDir())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setIgnoreFormatted(true)
        .setPrintStream(System.out)
        .run();
  }

  private static void awaitEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) != -1) {
        // input carries no commands; only its end matters
      }
    } catch (IOException e) {
      // a broken pipe means the parent is gone, which is the same signal
    }
  }
}

package io.tollgate.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process).
 *
 * <p>{@link #builder()} makes one that runs in a child JVM, so that it can be stopped and started
 * again on the same port and log directory while the caller keeps running; records and topics
 * survive a restart.
 */
public interface KafkaBroker extends AutoCloseable {

  /** Owner name used in port-conflict messages. */
  String NAME = "Kafka";

  /** Partitions of every topic that {@link #createTopics} creates. */
  int PARTITIONS = 3;

  static Builder builder() {
    return new Builder();
  }

  /** Starts the broker, or does nothing when it runs; returns once it answers clients. */
  void start() throws IOException;

  /** Stops the broker cleanly and waits for it; does nothing when it is stopped. */
  void stop();

  boolean isRunning();

  /** {@code localhost:PORT}; the port stays the same across restarts. */
  String bootstrapServers();

  /** Creates each topic that does not exist yet, with {@value #PARTITIONS} partitions. */
  default void createTopics(String... topics) {
    createTopicsOn(bootstrapServers(), topics);
  }

  @Override
  default void close() {
    stop();
  }

  /**
   * What every event topic is created with, and what an existing one is set to: it keeps its whole
   * history (ADR 0020). The services' read models are built from it, by consumers that start at the
   * earliest offset, so a service deployed later, or one whose consumer was away longer than a
   * retention, must still find every event; Kafka's default would delete them after 7 days.
   */
  Map<String, String> TOPIC_CONFIG = Map.of("retention.ms", "-1", "retention.bytes", "-1");

  /**
   * Creates each topic that does not exist yet on the cluster at {@code bootstrapServers}, with
   * {@value #PARTITIONS} partitions, replication factor 1 and {@link #TOPIC_CONFIG}, and sets
   * {@link #TOPIC_CONFIG} on the ones that exist (created by an older version, or auto-created).
   */
  static void createTopicsOn(String bootstrapServers, String... topics) {
    if (topics.length == 0) {
      return;
    }
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            30_000);
    try (Admin admin = KafkaClients.admin(config)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          Arrays.stream(topics)
              .distinct()
              .filter(topic -> !existing.contains(topic))
              .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1).configs(TOPIC_CONFIG))
              .toList();
      for (var result : admin.createTopics(missing).values().values()) {
        try {
          result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // created concurrently (or auto-created) since we listed: that is what we wanted
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topics " + missing, e.getCause());
          }
        }
      }
      Map<ConfigResource, Collection<AlterConfigOp>> keepHistory = new HashMap<>();
      Arrays.stream(topics)
          .filter(existing::contains)
          .distinct()
          .forEach(
              topic ->
                  keepHistory.put(
                      new ConfigResource(ConfigResource.Type.TOPIC, topic),
                      TOPIC_CONFIG.entrySet().stream()
                          .map(
                              e ->
                                  new AlterConfigOp(
                                      new ConfigEntry(e.getKey(), e.getValue()),
                                      AlterConfigOp.OpType.SET))
                          .toList()));
      if (!keepHistory.isEmpty()) {
        admin.incrementalAlterConfigs(keepHistory).all().get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrapServers, e);
    }
  }

  /** Options for a broker in a child JVM; every one has a default. */
  final class Builder {
    private int port;
    private Path workDirectory;
    private Path logFile;
    private String maxHeap = "384m";
    private Duration startupTimeout = Duration.ofSeconds(90);

    private Builder() {}

    /** Client port; 0 (the default) picks a free one, kept for later restarts. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Directory for the data ({@code data/}), the generated config and the process output; kept
     * between runs. Without one a temporary directory is used.
     */
    public Builder workDirectory(Path workDirectory) {
      this.workDirectory = workDirectory;
      return this;
    }

    /** File for the broker's log; defaults to {@code broker.log} in the work directory. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** {@code -Xmx} of the child JVM, e.g. {@code 384m}. */
    public Builder maxHeap(String maxHeap) {
      this.maxHeap = maxHeap;
      return this;
    }

    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    /** A broker that is not started yet. */
    public KafkaBroker build() throws IOException {
      return new ForkedKafkaBroker(port, workDirectory, logFile, maxHeap, startupTimeout);
    }
  }
}

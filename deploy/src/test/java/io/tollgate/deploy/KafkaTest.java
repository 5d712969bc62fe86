package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.runtime.KafkaBroker;
import io.tollgate.runtime.LocalRuntime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Strimzi runs the broker the apps expect, with every topic they use and no other. */
class KafkaTest {

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  /** Brokers per overlay (the brief): one to try it, three so that a node may be lost. */
  static final Map<String, Integer> BROKERS = Map.of("dev", 1, "prod", 3);

  /**
   * Every topic the platform uses: the launcher's event topics, those the apps consume and write,
   * and the dead-letter topic of each consumer.
   */
  static Set<String> topicsTheCodeUses() {
    Set<String> topics = new TreeSet<>(LocalRuntime.TOPICS);
    for (App app : Platform.apps()) {
      topics.addAll(app.consumedTopics());
      topics.addAll(app.writtenTopics());
      topics.addAll(deadLetterTopics(app));
    }
    return topics;
  }

  /** Where the app's consumers set aside what they cannot apply, named as eventing names them. */
  static Set<String> deadLetterTopics(App app) {
    // DeadLetters.topicFor(topic): read from the code, so that a new naming fails here, not in prod
    String code =
        Platform.read(
            Platform.ROOT.resolve("eventing/src/main/java/io/tollgate/eventing/DeadLetters.java"));
    Matcher naming =
        Pattern.compile(
                "String topicFor\\(String topic\\) \\{\\s*return topic \\+ \"([^\"]*)\" \\+ service \\+ \"([^\"]*)\";")
            .matcher(code);
    assertTrue(
        naming.find(),
        "DeadLetters.topicFor no longer reads topic + \"...\" + service + \"...\": teach KafkaTest the new names");
    Set<String> topics = new TreeSet<>();
    app.consumedTopics()
        .forEach(
            topic ->
                topics.add(
                    topic
                        + naming.group(1)
                        + app.setting("quarkus.application.name")
                        + naming.group(2)));
    return topics;
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyTopicTheCodeUsesIsAKafkaTopicAndNothingElseIs(String overlay) {
    Set<String> declared = new TreeSet<>();
    for (ObjectNode topic : Rendered.overlay(overlay).all("KafkaTopic")) {
      declared.add(topic.path("spec").path("topicName").asText(Resources.name(topic)));
    }
    Set<String> missing = new TreeSet<>(topicsTheCodeUses());
    missing.removeAll(declared);
    Set<String> unused = new TreeSet<>(declared);
    unused.removeAll(topicsTheCodeUses());
    assertEquals(Set.of(), missing, overlay + ": topics the code uses that no KafkaTopic creates");
    assertEquals(Set.of(), unused, overlay + ": KafkaTopics of topics the code does not use");
  }

  /**
   * The root README tells operators which dead-letter topics to create where the broker creates
   * none (Strimzi's default): every one the code uses, or the first record set aside stops its
   * consumer.
   */
  @org.junit.jupiter.api.Test
  void theReadmeNamesEveryDeadLetterTopic() {
    String readme = Platform.read(Platform.ROOT.resolve("README.md"));
    Set<String> unnamed = new TreeSet<>();
    Platform.apps()
        .forEach(
            app ->
                deadLetterTopics(app).stream()
                    .filter(topic -> !readme.contains("`" + topic + "`"))
                    .forEach(unnamed::add));
    assertEquals(Set.of(), unnamed, "dead-letter topics README.md does not name");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void topicsAreCreatedAsTheLauncherCreatesThem(String overlay) {
    Set<String> deadLetters = new TreeSet<>();
    Platform.apps().forEach(app -> deadLetters.addAll(deadLetterTopics(app)));
    for (ObjectNode topic : Rendered.overlay(overlay).all("KafkaTopic")) {
      String name = Resources.name(topic);
      assertEquals(
          KafkaBroker.PARTITIONS,
          topic.path("spec").path("partitions").asInt(),
          overlay + ": " + name + "'s partitions (KafkaBroker.PARTITIONS)");
      Map<String, String> config = new TreeMap<>();
      topic
          .path("spec")
          .path("config")
          .properties()
          .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
      if (deadLetters.contains(name)) {
        // the broker's retention: how long dead letters stay is the operators' call (ADR 0020)
        assertTrue(
            config.keySet().stream().noneMatch(k -> k.startsWith("retention.")),
            overlay + ": " + name + " keeps the broker's retention");
      } else {
        // every event, for ever: read models are rebuilt by replaying the topic (ADR 0020)
        assertEquals(
            KafkaBroker.TOPIC_CONFIG,
            config,
            overlay + ": " + name + "'s config (KafkaBroker.TOPIC_CONFIG)");
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void replicationFitsTheBrokers(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    ObjectNode kafka = kafka(r);
    String cluster = Resources.name(kafka);
    JsonNode config = kafka.path("spec").path("kafka").path("config");
    int brokers = 0;
    for (ObjectNode pool : r.all("KafkaNodePool")) {
      assertEquals(
          cluster,
          Yaml.text(pool, "metadata", "labels", "strimzi.io/cluster"),
          overlay + ": node pool " + Resources.name(pool) + "'s cluster");
      for (JsonNode role : pool.path("spec").path("roles")) {
        if (role.asText().equals("broker")) {
          brokers += pool.path("spec").path("replicas").asInt();
        }
      }
    }
    assertEquals(BROKERS.get(overlay), brokers, overlay + ": brokers");
    int replication = config.path("default.replication.factor").asInt();
    int minInSync = config.path("min.insync.replicas").asInt(1);
    assertEquals(brokers, replication, overlay + ": every partition on every broker");
    assertEquals(
        replication,
        config.path("offsets.topic.replication.factor").asInt(),
        overlay + ": the consumer offsets, as the topics");
    assertEquals(
        replication,
        config.path("transaction.state.log.replication.factor").asInt(),
        overlay + ": the transaction log, as the topics");
    assertEquals(
        minInSync,
        config.path("transaction.state.log.min.isr").asInt(),
        overlay + ": the transaction log's min ISR, as the topics'");
    // acks=all is acknowledged by min.insync.replicas brokers: a write survives one broker's loss
    // where there are several, and one broker down refuses no write
    assertEquals(
        replication == 1 ? 1 : replication - 1,
        minInSync,
        overlay + ": min.insync.replicas for " + replication + " replicas");
    for (ObjectNode topic : r.all("KafkaTopic")) {
      String name = Resources.name(topic);
      assertEquals(
          cluster,
          Yaml.text(topic, "metadata", "labels", "strimzi.io/cluster"),
          overlay + ": " + name + "'s cluster");
      assertEquals(
          replication,
          topic.path("spec").path("replicas").asInt(),
          overlay + ": " + name + "'s replicas");
      JsonNode own = topic.path("spec").path("config").path("min.insync.replicas");
      assertTrue(
          own.isMissingNode() || own.asInt() == minInSync,
          overlay + ": " + name + "'s min.insync.replicas");
    }
  }

  /**
   * The apps would otherwise create a misspelt topic on their first write, and wait on it for ever.
   */
  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theBrokersCreateNoTopics(String overlay) {
    ObjectNode kafka = kafka(Rendered.overlay(overlay));
    assertEquals(
        "false",
        kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asText(),
        overlay + ": auto.create.topics.enable");
    assertTrue(
        kafka.path("spec").path("entityOperator").has("topicOperator"),
        overlay + ": Strimzi's topic operator creates the KafkaTopics");
    assertEquals(
        "enabled",
        Yaml.text(kafka, "metadata", "annotations", "strimzi.io/kraft"),
        overlay + ": KRaft");
    assertEquals(
        "enabled",
        Yaml.text(kafka, "metadata", "annotations", "strimzi.io/node-pools"),
        overlay + ": node pools");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theAppsThatUseKafkaReachItsBootstrapService(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    ObjectNode kafka = kafka(r);
    JsonNode plain = null;
    for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
      if (listener.path("type").asText().equals("internal") && !listener.path("tls").asBoolean()) {
        plain = listener;
      }
    }
    assertTrue(
        plain != null,
        overlay
            + ": an internal listener without TLS, which the apps' plain kafka.* settings speak");
    String bootstrap = Resources.name(kafka) + "-kafka-bootstrap:" + plain.path("port").asInt();
    Set<String> clients = new TreeSet<>();
    for (App app : Platform.apps()) {
      var variable = WorkloadTest.env(r.container(app.name()), "KAFKA_BOOTSTRAP_SERVERS");
      assertEquals(
          app.usesKafka(),
          variable.isPresent(),
          overlay + ": " + app.name() + " is given Kafka exactly when it uses it");
      if (app.usesKafka()) {
        assertEquals(
            bootstrap, variable.get(), overlay + ": " + app.name() + "'s KAFKA_BOOTSTRAP_SERVERS");
        clients.add(app.name());
      }
    }
    assertEquals(
        clients,
        NetworkPolicyTest.kafkaClients(r, plain),
        overlay + ": the apps the listener admits (networkPolicyPeers)");
  }

  static ObjectNode kafka(Rendered r) {
    List<ObjectNode> clusters = r.all("Kafka");
    assertEquals(1, clusters.size(), r + ": one Kafka cluster");
    assertEquals("kafka.strimzi.io/v1", clusters.get(0).path("apiVersion").asText());
    return clusters.get(0);
  }
}

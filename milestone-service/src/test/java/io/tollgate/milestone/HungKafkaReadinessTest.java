package io.tollgate.milestone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Readiness while Kafka is hung: a broker that accepts connections and never answers (a stopped
 * process behind a live port, a network that drops what it is sent) is a 503 that names the Kafka
 * check and why, answered before a probe gives up, not a request that waits for the Kafka client's
 * 60 s default timeout while the probe reports a timeout. The service runs against a port that does
 * just that, in place of the test broker (a Quarkus restart of its own).
 */
@QuarkusTest
@TestProfile(HungKafkaReadinessTest.HungKafka.class)
class HungKafkaReadinessTest {

  /**
   * Longer than a probe waits (3 s in deploy/), so that only a check that never answers in time
   * fails here, not a slow machine.
   */
  static final Duration PROBE_GIVES_UP = Duration.ofSeconds(15);

  public static class HungKafka implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(SilentBroker.class));
    }
  }

  /** A port that accepts every connection and never answers, as the service's only broker. */
  public static class SilentBroker implements QuarkusTestResourceLifecycleManager {

    private ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
      try {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept()); // kept open, never read or written
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "silent-broker");
      acceptor.setDaemon(true);
      acceptor.start();
      String address = "127.0.0.1:" + server.getLocalPort();
      return Map.of(
          "kafka.bootstrap.servers", address,
          "mp.messaging.connector.smallrye-kafka.bootstrap.servers", address);
    }

    /** Started after TollgateInfrastructure (order 0), so that this broker address wins. */
    @Override
    public int order() {
      return 1;
    }

    @Override
    public void stop() {
      try {
        server.close();
        for (Socket socket : held) {
          socket.close();
        }
      } catch (IOException e) {
        // the test is over either way
      }
    }
  }

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @Test
  void aHungBrokerIsAPromptReadinessDownThatNamesKafka() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(ready).timeout(PROBE_GIVES_UP).GET().build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(503, answer.statusCode(), answer.body());
    JsonNode health = new ObjectMapper().readTree(answer.body());
    assertEquals("DOWN", health.path("status").asText(), answer.body());
    List<JsonNode> kafka = new ArrayList<>();
    JsonNode database = null;
    for (JsonNode check : health.path("checks")) {
      String name = check.path("name").asText();
      if (name.contains("Kafka")) {
        kafka.add(check);
      } else if (name.contains("Database")) {
        database = check;
      }
    }
    assertEquals(1, kafka.size(), "one Kafka check: " + answer.body());
    assertEquals("DOWN", kafka.get(0).path("status").asText(), answer.body());
    String reason = kafka.get(0).path("data").path("reason").asText();
    assertFalse(reason.isBlank(), "the Kafka check says why: " + answer.body());
    assertTrue(reason.contains("Kafka did not answer"), reason);
    // Kafka alone turns readiness DOWN here: the database is fine
    assertTrue(database != null, answer.body());
    assertEquals("UP", database.path("status").asText(), answer.body());
  }
}

package io.tollgate.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the relay and the dead letters send with: the service's Kafka settings, made reliable. */
class ReliableProducerTest {

  @Test
  void aSecuredBrokersSettingsReachTheProducerAndReliabilityIsNotNegotiable() {
    Properties props =
        ReliableProducer.properties(
            Map.of(
                "bootstrap.servers", "kafka-bootstrap.kafka:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule",
                "acks", "1",
                "enable.idempotence", "false"),
            "outbox-relay-test",
            Duration.ofSeconds(10));
    assertEquals("kafka-bootstrap.kafka:9093", props.get("bootstrap.servers"));
    assertEquals("SASL_SSL", props.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
    assertEquals(
        "org.apache.kafka.common.security.scram.ScramLoginModule", props.get("sasl.jaas.config"));
    // nothing counts as sent before every in-sync replica has it, whatever the service says
    assertEquals("all", props.get("acks"));
    assertEquals(true, props.get("enable.idempotence"));
    assertEquals("outbox-relay-test", props.get("client.id"));
    assertEquals(10_000, props.get("delivery.timeout.ms"));
  }

  /** Below a second Kafka would refuse every producer (delivery timeout under request timeout). */
  @Test
  void aSendTimeoutUnderASecondIsRefusedAtStart() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new ReliableProducer(Map.of(), "outbox-relay-test", Duration.ofMillis(500)));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("tollgate.outbox.send-timeout"), e.getMessage());
    new ReliableProducer(Map.of(), "outbox-relay-test", Duration.ofSeconds(1)).close();
  }
}

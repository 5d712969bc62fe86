package io.tollgate.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Collects the records of one topic in a background thread, for tests that assert on emitted
 * events.
 *
 * <pre>{@code
 * try (EventCollector events = EventCollector.fromEnd("project.events")) {
 *   // ... act ...
 *   ConsumerRecord<String, String> created =
 *       events.awaitRecord(r -> r.value().contains("project.created"), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>The start position is fixed before the factory method returns, so no record written after that
 * is missed. Each collector reads as its own fresh consumer group and commits nothing.
 */
public final class EventCollector implements AutoCloseable {

  private static final int SHOWN_IN_FAILURES = 20;

  private final String topic;
  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
  private final Thread poller;
  private volatile boolean closed;
  private RuntimeException failure;

  private EventCollector(String bootstrapServers, String topic, boolean fromBeginning) {
    this.topic = topic;
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "event-collector-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    consumer = KafkaClientFactory.consumer(config);
    try {
      List<TopicPartition> partitions = partitions(consumer, topic);
      // explicit assignment instead of a group subscription: no rebalance to wait for
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      // seeks are lazy; asking for the positions pins them now
      partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    poller = new Thread(this::poll, "event-collector-" + topic);
    poller.setDaemon(true);
    poller.start();
  }

  /**
   * The topic's partitions, once the broker knows the topic: a topic created a moment ago (a test's
   * own, by its admin client) may not be in the metadata the broker answers with yet, and then has
   * no partitions, which would leave the consumer assigned to nothing.
   */
  private static List<TopicPartition> partitions(
      KafkaConsumer<String, String> consumer, String topic) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      if (!partitions.isEmpty()) {
        return partitions;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the test broker has no topic " + topic + " after 30 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
      }
    }
  }

  /** Collects records written to {@code topic} of the test broker from now on. */
  public static EventCollector fromEnd(String topic) {
    return new EventCollector(TollgateInfrastructure.kafkaBootstrapServers(), topic, false);
  }

  /** Collects every record of {@code topic} of the test broker, old ones included. */
  public static EventCollector fromBeginning(String topic) {
    return new EventCollector(TollgateInfrastructure.kafkaBootstrapServers(), topic, true);
  }

  /** Collects from any cluster. */
  public static EventCollector create(
      String bootstrapServers, String topic, boolean fromBeginning) {
    return new EventCollector(bootstrapServers, topic, fromBeginning);
  }

  private void poll() {
    try {
      while (!closed) {
        var batch = consumer.poll(Duration.ofMillis(100));
        if (!batch.isEmpty()) {
          synchronized (records) {
            batch.forEach(records::add);
            records.notifyAll();
          }
        }
      }
    } catch (WakeupException e) {
      // close() woke us up
    } catch (RuntimeException e) {
      synchronized (records) {
        failure = e;
        records.notifyAll();
      }
    } finally {
      consumer.close();
    }
  }

  /** The records collected so far, in arrival order. */
  public List<ConsumerRecord<String, String>> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** The first collected record that matches, waiting for it up to {@code timeout}. */
  public ConsumerRecord<String, String> awaitRecord(
      Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
    return awaitCount(match, 1, timeout).get(0);
  }

  /** The first {@code count} collected records, waiting for them up to {@code timeout}. */
  public List<ConsumerRecord<String, String>> awaitCount(int count, Duration timeout) {
    return awaitCount(record -> true, count, timeout);
  }

  /** The first {@code count} collected records that match, waiting up to {@code timeout}. */
  public List<ConsumerRecord<String, String>> awaitCount(
      Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (records) {
      while (true) {
        List<ConsumerRecord<String, String>> matching =
            records.stream().filter(match).limit(count).toList();
        if (matching.size() == count) {
          return matching;
        }
        if (failure != null) {
          throw new AssertionError("collecting " + topic + " failed: " + failure, failure);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " matching record(s) on "
                  + topic
                  + " within "
                  + timeout
                  + " but "
                  + matching.size()
                  + " of "
                  + records.size()
                  + " received matched"
                  + describe(records));
        }
        try {
          records.wait(Math.max(1, remaining / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for records on " + topic, e);
        }
      }
    }
  }

  private static String describe(List<ConsumerRecord<String, String>> records) {
    if (records.isEmpty()) {
      return "";
    }
    return records.stream()
        .limit(SHOWN_IN_FAILURES)
        .map(
            r ->
                "\n  partition "
                    + r.partition()
                    + " offset "
                    + r.offset()
                    + " key="
                    + r.key()
                    + " headers="
                    + headers(r)
                    + " value="
                    + abbreviate(r.value()))
        .collect(Collectors.joining("", ":", records.size() > SHOWN_IN_FAILURES ? "\n  ..." : ""));
  }

  private static String headers(ConsumerRecord<String, String> record) {
    List<String> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(
          header.key()
              + "="
              + (header.value() == null
                  ? null
                  : new String(header.value(), StandardCharsets.UTF_8)));
    }
    return headers.toString();
  }

  private static String abbreviate(String value) {
    return value == null || value.length() <= 300 ? value : value.substring(0, 300) + "...";
  }

  /** Stops collecting and closes the consumer. */
  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      poller.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

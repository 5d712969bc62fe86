package io.tollgate.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The loop of Kafka's {@code org.apache.kafka.tools.EndToEndLatency} (send one record
 * synchronously, poll until it arrives, repeat) with the same client settings, but timed into an
 * HdrHistogram in microseconds: the tool itself truncates its percentiles to whole milliseconds,
 * which is too coarse next to sub-millisecond figures. bench/run runs both, side by side.
 */
final class KafkaE2E {

  private KafkaE2E() {}

  static void main(Args a, PrintStream out) throws Exception {
    String bootstrap = a.required("bootstrap");
    String topic = a.string("topic", "bench.e2e");
    int messages = a.integer("messages", 2000);
    int warmupMessages = a.integer("warmup-messages", 200);
    int size = a.integer("size", 512);
    String acks = a.string("acks", "all");

    try (Admin admin =
        Admin.create(
            java.util.Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }

    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-e2e-" + System.currentTimeMillis());
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Long.MAX_VALUE));
    pp.put(ProducerConfig.ACKS_CONFIG, acks);
    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

    Histogram h = OpenLoop.newHistogram();
    Random random = new Random(0);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
      Set<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toSet());
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end offsets now, not in the loop
      for (int i = 0; i < warmupMessages + messages; i++) {
        byte[] message = new byte[size];
        random.nextBytes(message);
        long begin = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, message)).get();
        ConsumerRecords<byte[], byte[]> records = ConsumerRecords.empty();
        long deadline = begin + Duration.ofSeconds(60).toNanos();
        while (records.isEmpty()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("record " + i + " did not arrive within 60 s");
          }
          records = consumer.poll(Duration.ofMillis(60_000));
        }
        long elapsed = System.nanoTime() - begin;
        byte[] read = records.iterator().next().value();
        if (records.count() != 1 || !Arrays.equals(read, message)) {
          throw new IllegalStateException("record " + i + " came back wrong");
        }
        if (i >= warmupMessages) {
          OpenLoop.record(h, elapsed);
        }
      }
    }
    out.printf(
        Locale.ROOT,
        "kafka end-to-end (send, ack=%s, poll) %d x %d B after %d warm-up: p50 %s  p90 %s  p99 %s"
            + "  p99.9 %s  max %s ms, mean %s ms%n",
        acks,
        messages,
        size,
        warmupMessages,
        LatencyResult.ms(h, 50),
        LatencyResult.ms(h, 90),
        LatencyResult.ms(h, 99),
        LatencyResult.ms(h, 99.9),
        LatencyResult.fmt(h.getMaxValue() / 1000d),
        LatencyResult.fmt(h.getMean() / 1000d));
    String file = a.string("out", null);
    if (file != null) {
      Properties props = new Properties();
      props.setProperty("messages", String.valueOf(messages));
      props.setProperty("warmup_messages", String.valueOf(warmupMessages));
      props.setProperty("size", String.valueOf(size));
      props.setProperty("acks", acks);
      EventLatency.put(props, "e2e", h);
      LatencyResult.store(props, Path.of(file));
    }
  }
}

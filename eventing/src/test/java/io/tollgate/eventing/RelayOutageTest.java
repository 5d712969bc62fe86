package io.tollgate.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the relay logs while its rounds fail: an outage of the database is one warning with its
 * cause and one line when it is over, not a warning at every sweep (one a second) in between.
 */
class RelayOutageTest {

  /** A logger of this test's own, so that nothing else's records are counted. */
  private final String name = "io.tollgate.eventing.RelayOutageTest." + UUID.randomUUID();

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RelayOutage outage = new RelayOutage(Logger.getLogger(name), now::get);
  private java.util.logging.Logger jul;
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (name.equals(record.getLoggerName())) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void capture() {
    jul = java.util.logging.Logger.getLogger(name);
    jul.setLevel(Level.ALL); // the DEBUG lines too
    java.util.logging.Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void release() {
    java.util.logging.Logger.getLogger("").removeHandler(capture);
  }

  /** What the database's pool throws while PostgreSQL is away. */
  static RuntimeException databaseAway() {
    return new JDBCConnectionException(
        "Unable to acquire JDBC Connection",
        new SQLException("Connection to localhost:15432 refused", "08001"));
  }

  @Test
  void anOutageIsOneWarningWithItsCauseThenOneLineWhenRoundsGoThroughAgain() {
    for (int sweep = 0; sweep < 60; sweep++) { // a minute of sweeps
      outage.failed(databaseAway());
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    }

    List<LogRecord> warnings = atLeast(Level.WARNING);
    assertEquals(1, warnings.size(), texts(warnings).toString());
    assertTrue(
        text(warnings.get(0)).contains("Unable to acquire JDBC Connection"), text(warnings.get(0)));
    assertTrue(warnings.get(0).getThrown() != null, "the warning carries the cause");
    assertEquals(59, debugOnly().size(), "the repeats are there at DEBUG");

    records.clear();
    outage.succeeded();
    outage.succeeded(); // and the rounds after it say nothing
    assertEquals(1, records.size(), texts(records).toString());
    LogRecord over = records.get(0);
    assertEquals(Level.INFO.intValue(), over.getLevel().intValue(), text(over));
    assertTrue(text(over).contains("after 60 failed rounds over 60.0 s"), text(over));
  }

  @Test
  void theNextOutageIsReportedAgain() {
    outage.failed(databaseAway());
    outage.succeeded();
    records.clear();

    outage.failed(databaseAway());
    outage.failed(databaseAway());

    assertEquals(1, atLeast(Level.WARNING).size(), texts(records).toString());
  }

  @Test
  void aFailureOfAnotherKindInTheMiddleIsReportedToo() {
    outage.failed(databaseAway());
    outage.failed(new IllegalStateException("producer closed"));
    outage.failed(new IllegalStateException("producer closed"));

    List<LogRecord> warnings = atLeast(Level.WARNING);
    assertEquals(2, warnings.size(), texts(records).toString());
    assertTrue(text(warnings.get(1)).contains("producer closed"), text(warnings.get(1)));
  }

  @Test
  void roundsTheBrokerRefusedCountIntoTheOutageWithoutALineOfTheirOwn() {
    outage.refused(); // the relay logs those itself, naming the event
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    outage.refused();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertEquals(List.of(), texts(records));

    outage.succeeded();
    assertEquals(1, records.size());
    assertTrue(text(records.get(0)).contains("after 2 failed rounds over 2.0 s"));
  }

  @Test
  void roundsThatGoThroughSayNothing() {
    outage.succeeded();
    outage.succeeded();
    assertEquals(List.of(), texts(records));
  }

  private List<LogRecord> atLeast(Level level) {
    return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
  }

  private List<LogRecord> debugOnly() {
    return records.stream().filter(r -> r.getLevel().intValue() < Level.INFO.intValue()).toList();
  }

  private static List<String> texts(List<LogRecord> records) {
    return records.stream().map(RelayOutageTest::text).toList();
  }

  private static String text(LogRecord record) {
    return record.getParameters() == null
        ? record.getMessage()
        : String.format(record.getMessage(), record.getParameters());
  }
}

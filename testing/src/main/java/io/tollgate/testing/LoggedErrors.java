package io.tollgate.testing;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the application under test logged at ERROR while an action ran, for tests that a client's
 * mistake is not reported to operators as a server error. Quarkus routes its logging through the
 * JDK's root logger in tests, so a handler there sees every record.
 */
public final class LoggedErrors {

  /** An action that may throw, such as a raw socket exchange. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  private LoggedErrors() {}

  /** What an action answered, and the ERROR records logged while it ran. */
  public record Outcome<T>(T result, List<String> errors) {}

  /** Runs the action and answers each ERROR record logged meanwhile as "logger: message". */
  public static List<String> during(Action action) throws Exception {
    return whileGetting(
            () -> {
              action.run();
              return null;
            })
        .errors();
  }

  /** Runs the action and answers its result with the ERROR records logged meanwhile. */
  public static <T> Outcome<T> whileGetting(Callable<T> action) throws Exception {
    return whileGetting(Level.SEVERE, action);
  }

  /**
   * Runs the action and answers every record of {@code level} or above logged meanwhile, such as
   * the warnings, for tests of what reaches the logs at all (data that must not).
   */
  public static List<String> loggedDuring(Level level, Action action) throws Exception {
    return whileGetting(
            level,
            () -> {
              action.run();
              return null;
            })
        .errors();
  }

  /**
   * Runs the action and answers what {@code describe} makes of each record logged meanwhile, at any
   * level, leaving out those it answers null for. It runs on the thread that logged, so it sees
   * what only that thread knows, such as the record's MDC.
   */
  public static List<String> describedDuring(Function<LogRecord, String> describe, Action action)
      throws Exception {
    return capture(
            describe,
            () -> {
              action.run();
              return null;
            })
        .errors();
  }

  private static <T> Outcome<T> whileGetting(Level level, Callable<T> action) throws Exception {
    return capture(
        record ->
            record.getLevel().intValue() >= level.intValue()
                ? record.getLoggerName() + ": " + record.getMessage()
                : null,
        action);
  }

  private static <T> Outcome<T> capture(Function<LogRecord, String> describe, Callable<T> action)
      throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String line = describe.apply(record);
            if (line != null) {
              lines.add(line);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      return new Outcome<>(action.call(), lines);
    } finally {
      root.removeHandler(capture);
    }
  }
}

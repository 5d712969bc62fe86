package io.tollgate.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /** Runs the action and answers each ERROR record logged meanwhile as "logger: message". */
  public static List<String> during(Action action) throws Exception {
    List<String> errors = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
              errors.add(record.getLoggerName() + ": " + record.getMessage());
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
      action.run();
    } finally {
      root.removeHandler(capture);
    }
    return errors;
  }
}

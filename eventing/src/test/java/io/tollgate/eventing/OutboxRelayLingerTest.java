package io.tollgate.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the relay lets rows accumulate before its next round (a pure decision; no broker). */
class OutboxRelayLingerTest {

  private static EventingConfig config(Duration linger, int threshold) {
    return new EventingConfig() {
      @Override
      public boolean relayEnabled() {
        return true;
      }

      @Override
      public Duration sweepInterval() {
        return Duration.ofSeconds(1);
      }

      @Override
      public int batchSize() {
        return 500;
      }

      @Override
      public Duration linger() {
        return linger;
      }

      @Override
      public int lingerThreshold() {
        return threshold;
      }

      @Override
      public Duration sendTimeout() {
        return Duration.ofSeconds(10);
      }

      @Override
      public String source() {
        return "/test";
      }
    };
  }

  @Test
  void aRoundOfOneTransactionsEventsDoesNotDelayTheNext() {
    EventingConfig config = config(Duration.ofMillis(5), 8);
    assertEquals(Duration.ZERO, OutboxRelay.lingerAfter(0, config), "nothing was waiting");
    assertEquals(Duration.ZERO, OutboxRelay.lingerAfter(2, config), "one create's two events");
    assertEquals(Duration.ZERO, OutboxRelay.lingerAfter(7, config));
  }

  @Test
  void aRoundAtTheThresholdLingersBeforeTheNext() {
    EventingConfig config = config(Duration.ofMillis(5), 8);
    assertEquals(Duration.ofMillis(5), OutboxRelay.lingerAfter(8, config));
    assertEquals(Duration.ofMillis(5), OutboxRelay.lingerAfter(120, config));
  }

  @Test
  void aZeroLingerTurnsItOff() {
    assertEquals(Duration.ZERO, OutboxRelay.lingerAfter(400, config(Duration.ZERO, 8)));
  }
}

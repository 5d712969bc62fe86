package io.tollgate.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the relay lets rows accumulate before its next round (a pure decision; no broker). */
class OutboxRelayLingerTest {

  private static final Duration LINGER = Duration.ofMillis(5);

  @Test
  void aRoundOfOneTransactionsEventsDoesNotDelayTheNext() {
    assertEquals(Duration.ZERO, OutboxRelay.lingerAfter(0, 8, LINGER), "nothing was waiting");
    assertEquals(Duration.ZERO, OutboxRelay.lingerAfter(2, 8, LINGER), "one create's two events");
    assertEquals(Duration.ZERO, OutboxRelay.lingerAfter(7, 8, LINGER));
  }

  @Test
  void aRoundAtTheThresholdLingersBeforeTheNext() {
    assertEquals(LINGER, OutboxRelay.lingerAfter(8, 8, LINGER));
    assertEquals(LINGER, OutboxRelay.lingerAfter(120, 8, LINGER));
  }

  @Test
  void aZeroLingerTurnsItOff() {
    assertEquals(Duration.ZERO, OutboxRelay.lingerAfter(400, 8, Duration.ZERO));
  }
}

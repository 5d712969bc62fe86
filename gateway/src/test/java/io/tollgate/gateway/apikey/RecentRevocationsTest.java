package io.tollgate.gateway.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentRevocationsTest {

  private final RecentRevocations revocations = new RecentRevocations();
  private final UUID key = UUID.randomUUID();

  @Test
  void aLookupOvertakenByTheKeysRevocationIsToldSo() {
    long began = revocations.lookupBegins();
    revocations.revoked(key);
    assertTrue(revocations.lookupEnded(began, key));
  }

  @Test
  void otherKeysAndLaterLookupsAreNotConcerned() {
    long early = revocations.lookupBegins();
    revocations.revoked(key);
    long late = revocations.lookupBegins();
    assertFalse(revocations.lookupEnded(late, key), "began after the revocation");
    assertFalse(revocations.lookupEnded(early, UUID.randomUUID()), "another key");
  }

  @Test
  void aRevocationIsForgottenOnceTheLookupsBeforeItHaveEnded() {
    long first = revocations.lookupBegins();
    long second = revocations.lookupBegins();
    revocations.revoked(key);
    assertFalse(revocations.lookupEnded(first, null));
    assertEquals(1, revocations.remembered(), "the second lookup may still have read it");
    assertTrue(revocations.lookupEnded(second, key));
    assertEquals(0, revocations.remembered());

    revocations.revoked(UUID.randomUUID());
    assertEquals(0, revocations.remembered(), "no lookup running: nothing to remember");
  }
}

package io.tollgate.notification.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.notification.model.Channel;
import io.tollgate.rest.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that tests over HTTP cannot switch: https where http is not allowed. */
class SubscriptionRulesTest {

  @Test
  void httpIsRefusedWhereTheDeploymentAllowsOnlyHttps() {
    assertEquals(
        "must use https", SubscriptionRules.urlProblem("http://hooks.example.com/x", false));
    assertNull(SubscriptionRules.urlProblem("http://hooks.example.com/x", true));
    assertNull(SubscriptionRules.urlProblem("https://hooks.example.com/x", false));
    assertNull(SubscriptionRules.urlProblem("HTTPS://hooks.example.com:8443/x?y=1", false));
    List<Problem.Violation> violations =
        SubscriptionRules.problems(
            Channel.WEBHOOK, "http://hooks.example.com/x", null, null, null, false);
    assertEquals(List.of(new Problem.Violation("url", "must use https")), violations);
  }

  @Test
  void plausibleAddresses() {
    assertTrue(SubscriptionRules.plausibleEmail("pm@example.com"));
    assertTrue(SubscriptionRules.plausibleEmail("first.last+tag@mail.example.co.uk"));
    assertFalse(SubscriptionRules.plausibleEmail("pm@example"));
    assertFalse(SubscriptionRules.plausibleEmail("pm@example..com"));
    assertFalse(SubscriptionRules.plausibleEmail("pm@exa\nmple.com"));
    assertFalse(SubscriptionRules.plausibleEmail("\"a\"@example.com"));
  }

  @Test
  void aSecretIsWhsecAndThirtyTwoRandomBytes() {
    String one = WebhookSecrets.generate();
    assertTrue(one.startsWith("whsec_"));
    assertEquals(32, java.util.Base64.getDecoder().decode(one.substring(6)).length);
    assertFalse(one.equals(WebhookSecrets.generate()));
  }
}

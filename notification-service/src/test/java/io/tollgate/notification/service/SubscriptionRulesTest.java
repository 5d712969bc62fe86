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
        "must use https", SubscriptionRules.urlProblem("http://hooks.example.com/x", false, false));
    assertNull(SubscriptionRules.urlProblem("http://hooks.example.com/x", true, false));
    assertNull(SubscriptionRules.urlProblem("https://hooks.example.com/x", false, false));
    assertNull(SubscriptionRules.urlProblem("HTTPS://hooks.example.com:8443/x?y=1", false, false));
    List<Problem.Violation> violations =
        SubscriptionRules.problems(
            Channel.WEBHOOK, "http://hooks.example.com/x", null, null, null, false, false);
    assertEquals(List.of(new Problem.Violation("url", "must use https")), violations);
  }

  /**
   * A webhook URL naming an internal address (the gateway's management port on loopback, a cloud's
   * metadata service, a private network) would let a subscriber read internal endpoints through the
   * delivery log: refused unless private targets are allowed (the local launcher).
   */
  @Test
  void internalAddressesAreRefusedUnlessPrivateTargetsAreAllowed() {
    for (String url :
        List.of(
            "http://127.0.0.1:9080/q/metrics",
            "http://localhost:9080/q/metrics",
            "http://169.254.169.254/latest/meta-data/",
            "https://10.0.0.7/hook",
            "https://192.168.1.20/hook",
            "https://172.16.5.4/hook",
            "https://100.64.0.1/hook",
            "https://0.0.0.0/hook",
            "https://[::1]/hook",
            "https://[fd00::1]/hook",
            "https://[fe80::1]/hook")) {
      String problem = SubscriptionRules.urlProblem(url, true, false);
      assertTrue(
          problem != null && problem.startsWith("must not name an internal address"),
          url + ": " + problem);
      assertNull(SubscriptionRules.urlProblem(url, true, true), url);
    }
    assertNull(SubscriptionRules.urlProblem("https://93.184.215.14/hook", true, false));
    // a name is looked up before each attempt, not when subscribing
    assertNull(SubscriptionRules.urlProblem("https://hooks.example.com/x", true, false));
    assertTrue(
        WebhookTargets.refusal(java.net.URI.create("http://localhost/x"), false, true).isPresent());
    assertTrue(
        WebhookTargets.refusal(java.net.URI.create("http://localhost/x"), true, true).isEmpty());
  }

  @Test
  void aPortBeyondTheRangeIsRefused() {
    assertEquals(
        "must have a port from 1 to 65535",
        SubscriptionRules.urlProblem("https://hooks.example.com:99999/x", true, true));
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

package io.tollgate.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which X-Forwarded-For entry the per-address rate limit believes (ADR 0014). */
class ClientAddressesTest {

  private final ClientAddresses behindBalancers =
      new ClientAddresses(
          true,
          Optional.of(List.of("10.0.0.0/8", "192.0.2.10", "2001:db8::/32", "198.51.100.9:443")));

  @Test
  void aClientOfTheBalancerIsTheEntryItAppended() {
    // nginx's $proxy_add_x_forwarded_for and AWS ALB append: what is left of it is the client's say
    assertEquals(
        "203.0.113.7",
        behindBalancers.of("10.1.2.3", 50000, List.of("6.6.6.6, 7.7.7.7, 203.0.113.7")));
    assertEquals(
        "203.0.113.7",
        behindBalancers.of("10.1.2.3", 50000, List.of("6.6.6.6", "203.0.113.7:4711")));
  }

  @Test
  void trustedProxiesInTheChainAreSkipped() {
    assertEquals(
        "203.0.113.7",
        behindBalancers.of(
            "10.1.2.3", 50000, List.of("6.6.6.6, 203.0.113.7, 192.0.2.10, 10.9.9.9")));
    assertEquals(
        "2001:db9:0:0:0:0:0:1",
        behindBalancers.of(
            "192.0.2.10", 50000, List.of("6.6.6.6, [2001:db9::1]:4711, 2001:db8::5")));
  }

  @Test
  void aConnectionFromAnyoneElseIsTheClient() {
    assertEquals("203.0.113.7", behindBalancers.of("203.0.113.7", 50000, List.of("6.6.6.6")));
    // a proxy trusted on one port only is trusted on that port only, and never in the chain
    assertEquals("198.51.100.9", behindBalancers.of("198.51.100.9", 50000, List.of("6.6.6.6")));
    assertEquals("6.6.6.6", behindBalancers.of("198.51.100.9", 443, List.of("6.6.6.6")));
    assertEquals(
        "198.51.100.9", behindBalancers.of("10.1.2.3", 50000, List.of("6.6.6.6, 198.51.100.9")));
  }

  @Test
  void whatNoProxyWritesIsNotBelieved() {
    assertEquals(
        "10.9.9.9",
        behindBalancers.of("10.1.2.3", 50000, List.of("x".repeat(4000) + ", 10.9.9.9")));
    assertEquals("10.9.9.9", behindBalancers.of("10.1.2.3", 50000, List.of("6.6.6.6, , 10.9.9.9")));
    assertEquals("10.1.2.3", behindBalancers.of("10.1.2.3", 50000, List.of("unknown")));
    // trusted all the way: the furthest is all there is to go by
    assertEquals("10.1.2.3", behindBalancers.of("10.1.2.3", 50000, List.of()));
    assertEquals("10.9.9.9", behindBalancers.of("10.1.2.3", 50000, List.of("10.9.9.9, 10.5.5.5")));
  }

  @Test
  void withoutTrustedProxiesTheConnectionIsTheClient() {
    ClientAddresses trustingEveryone = new ClientAddresses(true, Optional.empty());
    assertEquals("203.0.113.7", trustingEveryone.of("203.0.113.7", 50000, List.of("6.6.6.6")));
    ClientAddresses byHostName = new ClientAddresses(true, Optional.of(List.of("lb.internal")));
    assertEquals("10.1.2.3", byHostName.of("10.1.2.3", 50000, List.of("6.6.6.6")));
    ClientAddresses forwardingOff = new ClientAddresses(false, Optional.of(List.of("10.0.0.0/8")));
    assertEquals("10.1.2.3", forwardingOff.of("10.1.2.3", 50000, List.of("6.6.6.6")));
  }
}

package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * notification-service calls URLs its users give (webhooks, ADR 0026): its egress reaches HTTP(S)
 * outside the private ranges, and nothing inside them but its own namespace, DNS and the collector.
 */
class EgressTest {

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  private static NetworkPolicy policy(String overlay) {
    return Rendered.overlay(overlay).typedAll("NetworkPolicy", NetworkPolicy.class).stream()
        .filter(p -> p.getMetadata().getName().equals("notification-service"))
        .findFirst()
        .orElseThrow();
  }

  private static Set<Integer> ports(NetworkPolicyEgressRule rule) {
    return rule.getPorts().stream()
        .map(NetworkPolicyPort::getPort)
        .map(p -> p.getIntVal())
        .collect(Collectors.toSet());
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void webhookReceiversOutsideThePrivateRangesAreReachableOverHttpAndHttps(String overlay) {
    NetworkPolicy policy = policy(overlay);
    assertTrue(policy.getSpec().getPolicyTypes().contains("Egress"), overlay);
    List<NetworkPolicyEgressRule> external =
        policy.getSpec().getEgress().stream()
            .filter(r -> r.getTo().stream().anyMatch(t -> t.getIpBlock() != null))
            .toList();
    assertEquals(1, external.size(), overlay + ": one rule for the outside world");
    NetworkPolicyEgressRule rule = external.get(0);
    assertEquals(Set.of(80, 443), ports(rule), overlay);
    var v4 =
        rule.getTo().stream()
            .map(t -> t.getIpBlock())
            .filter(b -> b.getCidr().equals("0.0.0.0/0"))
            .findFirst()
            .orElseThrow();
    for (String internal :
        List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16")) {
      assertTrue(v4.getExcept().contains(internal), overlay + ": " + internal + " is excluded");
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void itsDatabaseKafkaAndDnsStayReachable(String overlay) {
    List<NetworkPolicyEgressRule> rules = policy(overlay).getSpec().getEgress();
    assertTrue(
        rules.stream()
            .anyMatch(
                r ->
                    r.getPorts().isEmpty()
                        && r.getTo().size() == 1
                        && r.getTo().get(0).getNamespaceSelector() == null
                        && r.getTo().get(0).getIpBlock() == null
                        && NetworkPolicyTest.matches(
                            r.getTo().get(0).getPodSelector(), Map.of("app", "any"))),
        overlay + ": every pod of its namespace (its database, the brokers)");
    assertTrue(
        rules.stream().anyMatch(r -> r.getTo().isEmpty() && ports(r).equals(Set.of(53))),
        overlay + ": DNS");
  }
}

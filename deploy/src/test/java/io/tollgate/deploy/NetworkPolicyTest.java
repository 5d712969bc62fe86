package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Who may reach what, as the overlays' NetworkPolicies say: each policy is evaluated as the API
 * describes it (a pod that some policy selects admits what one of those policies' rules allows).
 */
class NetworkPolicyTest {

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  /** A pod that might try to connect: its namespace's labels and its own. */
  record Peer(String name, Map<String, String> namespace, Map<String, String> pod) {
    static Peer elsewhere(String name, String namespace, Map<String, String> pod) {
      return new Peer(name, Map.of("kubernetes.io/metadata.name", namespace), pod);
    }
  }

  static final Peer PROMETHEUS =
      Peer.elsewhere("Prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
  static final Peer CNPG_OPERATOR =
      Peer.elsewhere(
          "the CloudNativePG operator",
          "cnpg-system",
          Map.of("app.kubernetes.io/name", "cloudnative-pg"));
  static final Peer OUTSIDER =
      Peer.elsewhere("a pod of another namespace", "other", Map.of("app", "curl"));

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void nothingIsAdmittedUnlessAPolicySaysSo(String overlay) {
    boolean denyAll =
        Rendered.overlay(overlay).typedAll("NetworkPolicy", NetworkPolicy.class).stream()
            .anyMatch(
                p ->
                    matches(p.getSpec().getPodSelector(), Map.of())
                        && p.getSpec().getPolicyTypes().contains("Ingress")
                        && p.getSpec().getIngress().isEmpty());
    assertTrue(denyAll, overlay + ": a policy that selects every pod and admits nothing");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void eachServiceAdmitsTheGatewayAndPrometheusOnly(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    App gateway = Platform.app("gateway");
    for (String service : gateway.upstreams().keySet()) {
      List<Peer> admitted = new ArrayList<>();
      for (Peer peer : peers(r)) {
        if (admits(r, service, "http", peer)) {
          admitted.add(peer);
        }
      }
      assertEquals(
          List.of("gateway", PROMETHEUS.name()),
          admitted.stream().map(Peer::name).toList(),
          overlay + ": who reaches " + service + "'s http port");
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theGatewaysPublicPortIsOpenAndItsManagementPortIsPrometheuss(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    for (Peer peer : peers(r)) {
      assertTrue(
          admits(r, "gateway", "http", peer),
          overlay + ": " + peer.name() + " reaches the gateway's public port");
      assertEquals(
          peer == PROMETHEUS,
          admits(r, "gateway", "management", peer),
          overlay
              + ": whether "
              + peer.name()
              + " reaches the gateway's management port (ADR 0018)");
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void eachDatabaseAdmitsItsOwnerAndItsOperator(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    for (App app : Platform.apps()) {
      if (app.database().isEmpty()) {
        continue;
      }
      String cluster = DatabaseTest.clusterOf(r, app);
      Map<String, String> instance = Map.of("cnpg.io/cluster", cluster);
      for (Peer peer : peers(r)) {
        boolean expected = peer.name().equals(app.name()) || peer == CNPG_OPERATOR;
        assertEquals(
            expected,
            admits(r, instance, Map.of(), 5432, peer),
            overlay + ": whether " + peer.name() + " reaches " + cluster);
      }
      for (int port : List.of(5432, 8000)) {
        assertTrue(
            admits(r, instance, Map.of(), port, CNPG_OPERATOR),
            overlay + ": the operator reaches " + cluster + " on " + port);
        assertTrue(
            admits(
                r,
                instance,
                Map.of(),
                port,
                new Peer("its own instances", r.namespaceLabels(), instance)),
            overlay + ": " + cluster + "'s instances reach each other on " + port);
      }
    }
  }

  /** The apps a Strimzi listener admits (its networkPolicyPeers; none given admits everyone). */
  static Set<String> kafkaClients(Rendered r, JsonNode listener) {
    List<NetworkPolicyPeer> from = new ArrayList<>();
    listener
        .path("networkPolicyPeers")
        .forEach(peer -> from.add(Rendered.typed((ObjectNode) peer, NetworkPolicyPeer.class)));
    Set<String> admitted = new TreeSet<>();
    for (Peer peer : peers(r)) {
      if (from.isEmpty() || from.stream().anyMatch(p -> matches(p, peer, r.namespaceLabels()))) {
        admitted.add(peer.name());
      }
    }
    return admitted;
  }

  /**
   * Every app's pods, another pod of the namespace, Prometheus, the CloudNativePG operator, and a
   * pod of another namespace.
   */
  static List<Peer> peers(Rendered r) {
    List<Peer> peers = new ArrayList<>();
    for (App app : Platform.apps()) {
      peers.add(
          new Peer(
              app.name(),
              r.namespaceLabels(),
              r.deployment(app.name()).getSpec().getTemplate().getMetadata().getLabels()));
    }
    peers.add(
        new Peer("another pod of the namespace", r.namespaceLabels(), Map.of("app", "debug")));
    peers.add(PROMETHEUS);
    peers.add(CNPG_OPERATOR);
    peers.add(OUTSIDER);
    return peers;
  }

  /** Whether the peer reaches the named port of the app's pods. */
  static boolean admits(Rendered r, String app, String port, Peer peer) {
    Container container = r.container(app);
    Map<String, Integer> named = new TreeMap<>();
    container.getPorts().forEach(p -> named.put(p.getName(), p.getContainerPort()));
    assertTrue(named.containsKey(port), app + " has no port " + port);
    return admits(
        r,
        r.deployment(app).getSpec().getTemplate().getMetadata().getLabels(),
        named,
        named.get(port),
        peer);
  }

  static boolean admits(
      Rendered r, Map<String, String> pod, Map<String, Integer> namedPorts, int port, Peer peer) {
    boolean isolated = false;
    for (NetworkPolicy policy : r.typedAll("NetworkPolicy", NetworkPolicy.class)) {
      if (!matches(policy.getSpec().getPodSelector(), pod)
          || !policy.getSpec().getPolicyTypes().contains("Ingress")) {
        continue;
      }
      isolated = true;
      for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
        boolean portMatches =
            rule.getPorts().isEmpty()
                || rule.getPorts().stream().anyMatch(p -> portMatches(p, namedPorts, port));
        boolean peerMatches =
            rule.getFrom().isEmpty()
                || rule.getFrom().stream().anyMatch(p -> matches(p, peer, r.namespaceLabels()));
        if (portMatches && peerMatches) {
          return true;
        }
      }
    }
    return !isolated;
  }

  private static boolean portMatches(
      NetworkPolicyPort rule, Map<String, Integer> namedPorts, int port) {
    if (rule.getPort() == null) {
      return true;
    }
    Integer number =
        rule.getPort().getIntVal() != null
            ? rule.getPort().getIntVal()
            : namedPorts.get(rule.getPort().getStrVal());
    if (number == null) {
      return false;
    }
    int end = rule.getEndPort() == null ? number : rule.getEndPort();
    return number <= port && port <= end;
  }

  /** A peer of a rule's from: a pod selector alone means the policy's own namespace. */
  private static boolean matches(
      NetworkPolicyPeer from, Peer peer, Map<String, String> ownNamespace) {
    if (from.getIpBlock() != null) {
      return false;
    }
    boolean namespace =
        from.getNamespaceSelector() == null
            ? peer.namespace().equals(ownNamespace)
            : matches(from.getNamespaceSelector(), peer.namespace());
    boolean pod = from.getPodSelector() == null || matches(from.getPodSelector(), peer.pod());
    return namespace && pod;
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null
        && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
      return false;
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        String value = labels.get(requirement.getKey());
        boolean ok =
            switch (requirement.getOperator()) {
              case "In" -> value != null && requirement.getValues().contains(value);
              case "NotIn" -> value == null || !requirement.getValues().contains(value);
              case "Exists" -> value != null;
              case "DoesNotExist" -> value == null;
              default ->
                  throw new IllegalArgumentException("operator " + requirement.getOperator());
            };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}

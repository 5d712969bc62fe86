package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.tollgate.runtime.LocalRuntime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each app's database is a CloudNativePG cluster of its own, reached as the app expects. */
class DatabaseTest {

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  /** PostgreSQL's max_connections unless a cluster sets it. */
  static final int DEFAULT_MAX_CONNECTIONS = 100;

  /** Connections kept for the superuser, the operator and someone with psql. */
  static final int HEADROOM = 10;

  /** Instances per overlay (the brief): one to try it, three so that a node may be lost. */
  static final Map<String, Integer> INSTANCES = Map.of("dev", 1, "prod", 3);

  private static final Pattern JDBC =
      Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/([a-z0-9_]+)");

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyDatabaseIsAClusterOfItsOwnThatItsAppReaches(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    Map<String, String> owners = new TreeMap<>();
    for (App app : Platform.apps()) {
      if (app.database().isEmpty()) {
        continue;
      }
      String cluster = clusterOf(r, app);
      ObjectNode spec = (ObjectNode) r.get("Cluster", cluster).path("spec");
      assertEquals(
          app.database().get(),
          Yaml.text(spec, "bootstrap", "initdb", "database"),
          overlay + ": " + cluster + " creates the database " + app.name() + "'s JDBC URL names");
      assertFalse(
          Yaml.text(spec, "bootstrap", "initdb", "owner") == null,
          overlay + ": " + cluster + "'s database has an owner, the role the app logs in as");
      assertEquals(
          INSTANCES.get(overlay),
          spec.path("instances").asInt(),
          overlay + ": " + cluster + "'s instances");
      // no other app reads it (ADR 0001)
      assertEquals(null, owners.put(cluster, app.name()), overlay + ": " + cluster + " is shared");

      Container container = r.container(app.name());
      String secret = cluster + "-app";
      assertEquals(
          Map.of("username", secret),
          secretRef(container, "QUARKUS_DATASOURCE_USERNAME"),
          overlay + ": " + app.name() + "'s user, from the Secret CloudNativePG makes");
      assertEquals(
          Map.of("password", secret),
          secretRef(container, "QUARKUS_DATASOURCE_PASSWORD"),
          overlay + ": " + app.name() + "'s password, from the Secret CloudNativePG makes");
    }
    Set<String> clusters = new TreeSet<>();
    r.all("Cluster").forEach(c -> clusters.add(Resources.name(c)));
    assertEquals(clusters, owners.keySet(), overlay + ": clusters that no app uses");
  }

  /** What the launcher creates locally exists here too. */
  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyDatabaseTheLauncherCreatesIsThere(String overlay) {
    Set<String> databases = new TreeSet<>();
    Rendered.overlay(overlay)
        .all("Cluster")
        .forEach(c -> databases.add(Yaml.text(c, "spec", "bootstrap", "initdb", "database")));
    assertTrue(
        databases.containsAll(LocalRuntime.DATABASES),
        overlay + ": databases " + databases + " lack some of " + LocalRuntime.DATABASES);
  }

  /**
   * The pools of every replica that may run at once (the autoscaler's most, or the replicas, plus
   * the rollout's surge) fit the cluster's max_connections: past it, requests answer 503.
   */
  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theConnectionPoolsFitTheDatabase(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    for (App app : Platform.apps()) {
      if (app.database().isEmpty()) {
        continue;
      }
      Deployment deployment = r.deployment(app.name());
      int replicas =
          r.typedAll("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class).stream()
              .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(app.name()))
              .map(h -> h.getSpec().getMaxReplicas())
              .findFirst()
              .orElse(
                  deployment.getSpec().getReplicas() == null
                      ? 1
                      : deployment.getSpec().getReplicas());
      IntOrString surge = deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge();
      assertTrue(surge.getIntVal() != null, overlay + ": " + app.name() + "'s maxSurge is a count");
      int pool =
          WorkloadTest.env(r.container(app.name()), "QUARKUS_DATASOURCE_JDBC_MAX_SIZE")
              .map(Integer::parseInt)
              .orElse(app.poolMaxSize());
      String cluster = clusterOf(r, app);
      int max =
          r.get("Cluster", cluster)
              .path("spec")
              .path("postgresql")
              .path("parameters")
              .path("max_connections")
              .asInt(DEFAULT_MAX_CONNECTIONS);
      int needed = (replicas + surge.getIntVal()) * pool + HEADROOM;
      assertTrue(
          needed <= max,
          overlay
              + ": "
              + (replicas + surge.getIntVal())
              + " pods of "
              + app.name()
              + " with pools of "
              + pool
              + " need "
              + needed
              + " connections; "
              + cluster
              + " allows "
              + max);
    }
  }

  /** The cluster the app's JDBC URL points at (its read-write Service, {@code <cluster>-rw}). */
  static String clusterOf(Rendered r, App app) {
    String url =
        WorkloadTest.env(r.container(app.name()), "QUARKUS_DATASOURCE_JDBC_URL")
            .orElseThrow(
                () ->
                    new AssertionError(
                        r
                            + ": "
                            + app.name()
                            + " uses a database but gets no QUARKUS_DATASOURCE_JDBC_URL"));
    Matcher m = JDBC.matcher(url);
    assertTrue(
        m.matches(),
        r
            + ": "
            + app.name()
            + "'s JDBC URL "
            + url
            + " names no CloudNativePG read-write Service");
    assertEquals(
        app.database().get(),
        m.group(2),
        r + ": " + app.name() + "'s database, as its application.properties names it");
    assertTrue(
        r.find("Cluster", m.group(1)).isPresent(),
        r
            + ": "
            + app.name()
            + " connects to "
            + m.group(1)
            + "-rw, but there is no Cluster "
            + m.group(1));
    return m.group(1);
  }

  private static Map<String, String> secretRef(Container container, String variable) {
    EnvVar env =
        container.getEnv().stream()
            .filter(e -> e.getName().equals(variable))
            .findFirst()
            .orElseThrow(() -> new AssertionError(container.getName() + " gets no " + variable));
    assertTrue(
        env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null,
        container.getName() + "'s " + variable + " comes from a Secret");
    return Map.of(
        env.getValueFrom().getSecretKeyRef().getKey(),
        env.getValueFrom().getSecretKeyRef().getName());
  }
}

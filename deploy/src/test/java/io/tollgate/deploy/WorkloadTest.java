package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every app runs as its code expects: ports, probes, metrics, shutdown, memory, hardening. */
class WorkloadTest {

  /**
   * What the JVM keeps beside the heap in a service (metaspace, code, symbols, compiler arenas, the
   * collector, threads): ~170 MB measured (docs/performance.md, "Start-up and memory").
   */
  static final long NON_HEAP_BYTES = 192L << 20;

  /** What a stopping service does after the drain: ~7 s, mostly its Kafka consumers (ADR 0016). */
  static final Duration REST_OF_SHUTDOWN = Duration.ofSeconds(10);

  /** The apps whose load follows the clients' directly: scaled on CPU in prod. */
  static final Set<String> AUTOSCALED = Set.of("gateway", "project-service");

  static Stream<Arguments> appsInOverlays() {
    return Platform.OVERLAYS.stream()
        .flatMap(o -> Platform.apps().stream().map(app -> Arguments.of(o, app.name())));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void everyAppHasItsDeploymentServiceBudgetAndAccount(String overlay, String name) {
    Rendered r = Rendered.overlay(overlay);
    App app = Platform.app(name);
    // folder = artifactId = application name = app label (ADR 0001)
    assertEquals(
        name, app.setting("quarkus.application.name"), name + "'s quarkus.application.name");
    Map<String, String> labels = Map.of("app", name);
    Deployment deployment = r.deployment(name);
    assertEquals(
        labels,
        deployment.getSpec().getSelector().getMatchLabels(),
        overlay + ": " + name + "'s selector");
    assertTrue(
        deployment
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels()
            .entrySet()
            .containsAll(labels.entrySet()));

    Service service = r.typed("Service", name, Service.class);
    assertEquals(
        labels, service.getSpec().getSelector(), overlay + ": Service " + name + "'s selector");

    PodDisruptionBudget budget = r.typed("PodDisruptionBudget", name, PodDisruptionBudget.class);
    assertEquals(
        labels,
        budget.getSpec().getSelector().getMatchLabels(),
        overlay + ": PDB " + name + "'s selector");
    // it must let a drain through, whatever the replicas: at most one down at a time
    assertEquals(
        new IntOrString(1), budget.getSpec().getMaxUnavailable(), overlay + ": PDB " + name);
    assertNull(
        budget.getSpec().getMinAvailable(),
        overlay + ": PDB " + name + " sets maxUnavailable only");

    ServiceAccount account = r.typed("ServiceAccount", name, ServiceAccount.class);
    assertEquals(
        Boolean.FALSE,
        account.getAutomountServiceAccountToken(),
        overlay + ": " + name + "'s ServiceAccount mounts no token");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals(
        name,
        pod.getServiceAccountName(),
        overlay + ": " + name + "'s pod runs as its own ServiceAccount");
    assertEquals(
        Boolean.FALSE,
        pod.getAutomountServiceAccountToken(),
        overlay + ": " + name + "'s pod mounts no token");
    // service links would put GATEWAY_PORT=tcp://... beside the gateway's own gateway.* settings
    assertEquals(
        Boolean.FALSE,
        pod.getEnableServiceLinks(),
        overlay + ": " + name + " gets no service-link variables");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void containerPortsAreTheAppsPorts(String overlay, String name) {
    Rendered r = Rendered.overlay(overlay);
    App app = Platform.app(name);
    Map<String, Integer> expected = new TreeMap<>();
    expected.put("http", app.httpPort());
    app.managementPort().ifPresent(port -> expected.put("management", port));
    Map<String, Integer> ports = new TreeMap<>();
    for (ContainerPort port : r.container(name).getPorts()) {
      ports.put(port.getName(), port.getContainerPort());
    }
    assertEquals(
        expected,
        ports,
        overlay + ": " + name + "'s container ports, from " + app.configurationFiles());

    Service service = r.typed("Service", name, Service.class);
    for (ServicePort port : service.getSpec().getPorts()) {
      assertEquals(
          new IntOrString("http"),
          port.getTargetPort(),
          overlay + ": Service " + name + " reaches the public port only (ADR 0018)");
      assertEquals(
          app.httpPort(),
          port.getPort(),
          overlay + ": Service " + name + " answers on the app's own port");
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void probesAskWhatTheAppServesWhereItServesIt(String overlay, String name) {
    App app = Platform.app(name);
    Container container = Rendered.overlay(overlay).container(name);
    Map<String, String> paths = app.healthPaths();
    assertFalse(paths.isEmpty(), name + " serves no health checks (no quarkus-smallrye-health)");
    probe(
        overlay,
        container,
        "startup",
        container.getStartupProbe(),
        paths.get("started"),
        app.operationsPort());
    probe(
        overlay,
        container,
        "liveness",
        container.getLivenessProbe(),
        paths.get("live"),
        app.operationsPort());
    probe(
        overlay,
        container,
        "readiness",
        container.getReadinessProbe(),
        paths.get("ready"),
        app.operationsPort());
  }

  private static void probe(
      String overlay, Container container, String kind, Probe probe, String path, int port) {
    String what = overlay + ": " + container.getName() + "'s " + kind + " probe";
    assertNotNull(probe, what);
    HTTPGetAction get = probe.getHttpGet();
    assertNotNull(get, what + " is an HTTP GET");
    assertEquals(path, get.getPath(), what + "'s path");
    assertEquals(port, containerPort(container, get.getPort()), what + "'s port");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void prometheusScrapesTheMetricsEndpoint(String overlay, String name) {
    App app = Platform.app(name);
    Map<String, String> annotations =
        Rendered.overlay(overlay)
            .deployment(name)
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations();
    String metrics =
        app.metricsPath()
            .orElseThrow(() -> new AssertionError(name + " has no Prometheus registry"));
    assertEquals("true", annotations.get("prometheus.io/scrape"), overlay + ": " + name);
    assertEquals(
        metrics, annotations.get("prometheus.io/path"), overlay + ": " + name + "'s metrics path");
    assertEquals(
        String.valueOf(app.operationsPort()),
        annotations.get("prometheus.io/port"),
        overlay + ": " + name + "'s metrics port");
  }

  /** Kubernetes must not kill a pod that is still answering the requests it had (ADR 0016). */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void aStoppingPodHasTimeToDrain(String overlay, String name) {
    App app = Platform.app(name);
    Deployment deployment = Rendered.overlay(overlay).deployment(name);
    Duration delay =
        env(Rendered.overlay(overlay).container(name), "QUARKUS_SHUTDOWN_DELAY")
            .map(App::parseDuration)
            .orElse(app.duration("quarkus.shutdown.delay"));
    Duration timeout = app.duration("quarkus.shutdown.timeout");
    assertFalse(timeout.isZero(), name + " sets no quarkus.shutdown.timeout: it would not drain");
    if (!delay.isZero()) {
      assertEquals(
          "true",
          app.setting("quarkus.shutdown.delay-enabled"),
          name + " has a shutdown delay but not quarkus.shutdown.delay-enabled");
    }
    long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    Duration needed = delay.plus(timeout).plus(REST_OF_SHUTDOWN);
    assertTrue(
        grace >= needed.toSeconds(),
        overlay
            + ": "
            + name
            + "'s terminationGracePeriodSeconds "
            + grace
            + " < delay "
            + delay
            + " + quarkus.shutdown.timeout "
            + timeout
            + " + "
            + REST_OF_SHUTDOWN);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void theJvmRunsWithTheLaunchersOptionsAndFitsItsLimit(String overlay, String name) {
    Container container = Rendered.overlay(overlay).container(name);
    String options =
        env(container, "JAVA_TOOL_OPTIONS")
            .orElseThrow(
                () -> new AssertionError(overlay + ": " + name + " sets no JAVA_TOOL_OPTIONS"));
    List<String> given = Arrays.asList(options.trim().split("\\s+"));
    assertTrue(
        given.containsAll(Platform.launcherJavaOptions()),
        overlay
            + ": "
            + name
            + "'s JVM options "
            + given
            + " lack some of the launcher's "
            + Platform.launcherJavaOptions());

    long heap =
        given.stream()
            .filter(o -> o.startsWith("-Xmx"))
            .map(o -> bytes(o.substring(4)))
            .findFirst()
            .orElseThrow(() -> new AssertionError(overlay + ": " + name + " sets no -Xmx"));
    Map<String, Quantity> limits = container.getResources().getLimits();
    assertNotNull(limits.get("memory"), overlay + ": " + name + " has no memory limit");
    long limit = Quantity.getAmountInBytes(limits.get("memory")).longValueExact();
    assertTrue(
        limit >= heap + NON_HEAP_BYTES,
        overlay
            + ": "
            + name
            + "'s memory limit "
            + limits.get("memory")
            + " leaves less than "
            + (NON_HEAP_BYTES >> 20)
            + " MiB beside a heap of "
            + (heap >> 20)
            + " MiB");
    Map<String, Quantity> requests = container.getResources().getRequests();
    assertNotNull(
        requests.get("cpu"),
        overlay + ": " + name + " requests no CPU (the autoscalers and the scheduler need it)");
    assertEquals(
        limits.get("memory"),
        requests.get("memory"),
        overlay + ": " + name + " requests the memory it may use, so that no node overcommits it");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void podsAreHardened(String overlay, String name) {
    PodSpec pod = Rendered.overlay(overlay).deployment(name).getSpec().getTemplate().getSpec();
    PodSecurityContext podSecurity = pod.getSecurityContext();
    String what = overlay + ": " + name;
    assertNotNull(podSecurity, what + " has no pod securityContext");
    assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot(), what + ": runAsNonRoot");
    assertEquals(
        ImageTest.imageUser(), podSecurity.getRunAsUser(), what + ": runs as the image's user");
    assertEquals(
        "RuntimeDefault", podSecurity.getSeccompProfile().getType(), what + ": seccomp profile");
    for (Container container : pod.getContainers()) {
      SecurityContext security = container.getSecurityContext();
      assertNotNull(security, what + "'s container has no securityContext");
      assertEquals(
          Boolean.FALSE,
          security.getAllowPrivilegeEscalation(),
          what + ": allowPrivilegeEscalation");
      assertEquals(
          Boolean.TRUE, security.getReadOnlyRootFilesystem(), what + ": readOnlyRootFilesystem");
      assertEquals(
          List.of("ALL"), security.getCapabilities().getDrop(), what + ": capabilities dropped");
      assertNotNull(container.getResources().getRequests(), what + " has no resource requests");
      assertNotNull(container.getResources().getLimits(), what + " has no resource limits");
      // the JVM, Vert.x and the Kafka client write to java.io.tmpdir
      VolumeMount tmp =
          container.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/tmp"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(what + " has no writable /tmp"));
      assertTrue(
          pod.getVolumes().stream()
              .anyMatch(v -> v.getName().equals(tmp.getName()) && v.getEmptyDir() != null),
          what + ": /tmp is an emptyDir");
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("appsInOverlays")
  void replicasAndAutoscalersSuitTheOverlay(String overlay, String name) {
    Rendered r = Rendered.overlay(overlay);
    Deployment deployment = r.deployment(name);
    Optional<HorizontalPodAutoscaler> autoscaler =
        r.typedAll("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class).stream()
            .filter(
                h ->
                    h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                        && h.getSpec().getScaleTargetRef().getName().equals(name))
            .findFirst();
    int least =
        autoscaler
            .map(h -> h.getSpec().getMinReplicas())
            .orElse(
                deployment.getSpec().getReplicas() == null
                    ? 1
                    : deployment.getSpec().getReplicas());
    if (autoscaler.isPresent()) {
      // an apply would otherwise reset the autoscaler's choice to the manifest's count
      assertNull(
          deployment.getSpec().getReplicas(),
          overlay + ": " + name + " is autoscaled and must not set replicas");
      assertEquals("cpu", autoscaler.get().getSpec().getMetrics().get(0).getResource().getName());
    }
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    if (overlay.equals("dev")) {
      assertEquals(1, least, "dev: " + name + " runs one replica");
      assertTrue(autoscaler.isEmpty(), "dev: " + name + " is not autoscaled");
    } else {
      assertTrue(
          least >= 2,
          overlay + ": " + name + " runs " + least + " replica(s); a node's loss would stop it");
      TopologySpreadConstraint byNode =
          pod.getTopologySpreadConstraints().stream()
              .filter(c -> c.getTopologyKey().equals("kubernetes.io/hostname"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          overlay + ": " + name + "'s replicas are not spread over the nodes"));
      assertEquals("DoNotSchedule", byNode.getWhenUnsatisfiable(), overlay + ": " + name);
      assertEquals(
          Map.of("app", name),
          byNode.getLabelSelector().getMatchLabels(),
          overlay + ": " + name + "'s spread counts its own pods");
    }
    assertEquals(
        overlay.equals("prod") && AUTOSCALED.contains(name),
        autoscaler.isPresent(),
        overlay + ": whether " + name + " is autoscaled");
  }

  static Optional<String> env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst();
  }

  static int containerPort(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
  }

  /** A JVM size: 256m, 1g, 512k, or bytes. */
  static long bytes(String size) {
    char unit = Character.toLowerCase(size.charAt(size.length() - 1));
    String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
    long shift =
        switch (unit) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    return new BigDecimal(digits).longValueExact() << shift;
  }
}

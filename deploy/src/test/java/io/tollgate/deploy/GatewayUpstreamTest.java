package io.tollgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The gateway is pointed at every service it routes to, at the Service and port that reach it. */
class GatewayUpstreamTest {

  static final List<String> OVERLAYS = Platform.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyUpstreamIsTheServicesKubernetesService(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    App gateway = Platform.app("gateway");
    Map<String, String> upstreams = gateway.upstreams();
    assertFalse(
        upstreams.isEmpty(), "the gateway's application.properties names no gateway.upstream.*");
    for (String service : upstreams.keySet()) {
      String variable = App.environmentName("gateway.upstream." + service);
      String url =
          WorkloadTest.env(r.container("gateway"), variable)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          overlay
                              + ": the gateway gets no "
                              + variable
                              + ", and would call "
                              + upstreams.get(service)));
      URI uri = URI.create(url);
      assertEquals("http", uri.getScheme(), overlay + ": " + variable);
      assertTrue(
          uri.getPath() == null || uri.getPath().isEmpty(),
          overlay + ": " + variable + " is a base URL, host and port only");
      Service target =
          r.find("Service", uri.getHost())
              .map(o -> Rendered.typed(o, Service.class))
              .orElseThrow(
                  () ->
                      new AssertionError(
                          overlay
                              + ": "
                              + variable
                              + " names "
                              + uri.getHost()
                              + ", which is no Service"));
      ServicePort port =
          target.getSpec().getPorts().stream()
              .filter(p -> p.getPort() == uri.getPort())
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          overlay
                              + ": Service "
                              + uri.getHost()
                              + " has no port "
                              + uri.getPort()));
      // the Service leads to the app the route means, at the port that app listens on
      assertEquals(
          Map.of("app", service),
          target.getSpec().getSelector(),
          overlay + ": " + variable + " reaches " + service);
      App upstream = Platform.app(service);
      assertEquals(
          upstream.httpPort(),
          WorkloadTest.containerPort(r.container(service), port.getTargetPort()),
          overlay
              + ": "
              + variable
              + "'s Service port leads to "
              + service
              + "'s quarkus.http.port");
    }
  }
}

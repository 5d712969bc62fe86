package io.tollgate.gateway.metrics;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tollgate.testing.Metrics;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every status the gateway counts in {@code gateway_requests_rejected_total} is exported at 0 from
 * the start, so that {@code increase()} sees the first refusal of each. Asked of a gateway that has
 * served no request yet ({@link FreshStart}).
 */
@QuarkusTest
@TestProfile(RejectedRequestSeriesTest.FreshStart.class)
class RejectedRequestSeriesTest {

  /** A gateway of its own: the others' have refused requests by the time this one asks. */
  public static class FreshStart implements QuarkusTestProfile {}

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Test
  void everyRejectedStatusIsExportedAtZeroBeforeAnyRequest() {
    String metrics = Metrics.text(management.getPort());
    Map<Map<String, String>, Double> rejected =
        Metrics.seriesIn(metrics, "gateway_requests_rejected_total");
    Map<Map<String, String>, Double> zeros = new HashMap<>();
    for (String status :
        new String[] {"400", "401", "403", "404", "408", "413", "414", "429", "431", "503"}) {
      zeros.put(Map.of("status", status), 0.0);
    }
    assertThat(rejected, equalTo(zeros));
    assertThat(
        metrics, containsString("Requests the gateway refused itself in front of the services"));
  }
}

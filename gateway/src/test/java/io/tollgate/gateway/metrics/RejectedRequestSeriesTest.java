package io.tollgate.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Pattern series =
        Pattern.compile("gateway_requests_rejected_total\\{status=\"(\\d+)\",?\\} (\\S+)");
    Map<String, Double> rejected = new TreeMap<>();
    String metrics =
        given()
            .port(management.getPort())
            .accept("text/plain")
            .when()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    metrics
        .lines()
        .map(series::matcher)
        .filter(Matcher::matches)
        .forEach(count -> rejected.put(count.group(1), Double.parseDouble(count.group(2))));
    Map<String, Double> zeros = new TreeMap<>();
    for (String status :
        new String[] {"400", "401", "403", "404", "408", "413", "414", "429", "431", "503"}) {
      zeros.put(status, 0.0);
    }
    assertThat(rejected, equalTo(zeros));
    assertThat(
        metrics, containsString("Requests the gateway refused itself in front of the services"));
  }
}

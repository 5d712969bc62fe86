package io.tollgate.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.GatewayHeaders;
import io.tollgate.testing.OpenApiHeaders;
import io.tollgate.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A token bucket per caller: 429 with Retry-After once it is empty, RateLimit-* always. The buckets
 * here are small and refill slowly ({@link SlowRefill}), so that emptying one does not depend on
 * sending requests faster than it refills, which a busy machine may not.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SlowRefill.class)
class RateLimitTest {

  /** 20 requests at once, one more a second. */
  public static class SlowRefill implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "gateway.rate-limit.burst", "20", "gateway.rate-limit.requests-per-second", "1");
    }
  }

  @Inject GatewayConfig config;

  @Inject AgroalDataSource dataSource;

  @TestHTTPResource("/")
  URL gateway;

  @Test
  void everyAnswerTellsTheCallerItsBudget() {
    String bearer = TestTokens.bearer("budget-" + UUID.randomUUID(), "MEMBER");
    Response first = given().header("Authorization", bearer).when().get("/api/v1/risks");
    Response second = given().header("Authorization", bearer).when().get("/api/v1/risks");
    int burst = config.rateLimit().burst();
    assertThat(first.header("RateLimit-Limit"), is(Integer.toString(burst)));
    assertThat(first.header("RateLimit-Remaining"), is(Integer.toString(burst - 1)));
    assertThat(Long.parseLong(first.header("RateLimit-Reset")), is(greaterThanOrEqualTo(1L)));
    assertThat(
        Integer.parseInt(second.header("RateLimit-Remaining")), is(lessThanOrEqualTo(burst - 1)));
    // the gateway's own answers count and carry them too
    given()
        .header("Authorization", bearer)
        .when()
        .get("/api/v1/nowhere")
        .then()
        .statusCode(404)
        .header("RateLimit-Limit", Integer.toString(burst));
  }

  @Test
  void anExhaustedCallerGets429UntilTheBucketRefills() throws Exception {
    String greedy = TestTokens.bearer("greedy-" + UUID.randomUUID(), "MEMBER");
    Response refused = null;
    int sent = 0;
    // an operation of the merged OpenAPI document, so that the 429 can be compared with it below
    while (refused == null && sent < 20 * config.rateLimit().burst()) {
      Response response = given().header("Authorization", greedy).when().get("/api/v1/risks");
      sent++;
      if (response.statusCode() == 429) {
        refused = response;
      }
    }
    assertThat(
        "requests sent before the first 429",
        sent,
        is(greaterThanOrEqualTo(config.rateLimit().burst())));
    assertThat(refused, org.hamcrest.Matchers.notNullValue());
    assertThat(refused.contentType(), is("application/problem+json"));
    assertThat(refused.path("type"), is("https://tollgate.io/problems/too-many-requests"));
    assertThat(refused.path("status"), is(429));
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter, is(allOf(greaterThanOrEqualTo(1L), lessThan(5L))));
    assertThat(refused.header("RateLimit-Limit"), is(Integer.toString(config.rateLimit().burst())));
    assertThat(refused.header("RateLimit-Remaining"), is("0"));
    assertThat(Long.parseLong(refused.header("RateLimit-Reset")), is(greaterThanOrEqualTo(1L)));
    assertThat(refused.header("X-Request-Id"), org.hamcrest.Matchers.notNullValue());
    // the 429 is documented on the operation, headers and all
    JsonNode openapi = new ObjectMapper().readTree(given().get("/q/openapi").asString());
    assertThat(
        OpenApiHeaders.differences(openapi, "GET", "/api/v1/risks", refused, GatewayHeaders.ADDED),
        is(List.of()));

    // someone else is not affected
    given()
        .header("Authorization", TestTokens.bearer("patient-" + UUID.randomUUID(), "MEMBER"))
        .when()
        .get("/api/v1/risks")
        .then()
        .statusCode(200);

    Thread.sleep(retryAfter * 1000);
    given().header("Authorization", greedy).when().get("/api/v1/risks").then().statusCode(200);
  }

  /**
   * Behind a load balancer that appends to X-Forwarded-For (the tests trust 127.0.0.1, where they
   * call from), what is left of its entry is the client's say-so: a caller without a credential
   * cannot get a fresh bucket per request by writing a new address there, nor spend another's.
   */
  @Test
  void theClientAddressIsTheOneTheTrustedBalancerAppended() {
    java.util.Random random = new java.util.Random();
    String client = "198.18." + random.nextInt(256) + "." + random.nextInt(256);
    Response refused = null;
    int sent = 0;
    while (refused == null && sent < 20 * config.rateLimit().burst()) {
      String spoofed = "100.64." + (sent / 256) + "." + (sent % 256);
      Response response =
          given().header("X-Forwarded-For", spoofed + ", " + client).when().get("/api/v1/risks");
      sent++;
      assertThat(response.statusCode(), is(org.hamcrest.Matchers.oneOf(401, 429)));
      if (response.statusCode() == 429) {
        refused = response;
      }
    }
    assertThat("a 429 within " + sent + " requests", refused, org.hamcrest.Matchers.notNullValue());
    assertThat(refused.header("Retry-After"), org.hamcrest.Matchers.notNullValue());
    // the same client through a second trusted proxy, and with no chain left of it: the same
    // bucket, nearly empty still (it refills at the configured rate meanwhile)
    int half = config.rateLimit().burst() / 2;
    for (String chain : List.of("100.65.0.1, " + client + ", 127.0.0.1", client)) {
      Response again = given().header("X-Forwarded-For", chain).when().get("/api/v1/risks");
      assertThat(chain, again.statusCode(), is(org.hamcrest.Matchers.oneOf(401, 429)));
      assertThat(chain, Integer.parseInt(again.header("RateLimit-Remaining")), is(lessThan(half)));
    }
    // whose address the client wrote is not charged, and another client is not affected
    Response other = given().header("X-Forwarded-For", "100.64.0.0").when().get("/api/v1/risks");
    assertThat(other.statusCode(), is(401));
    assertThat(
        Integer.parseInt(other.header("RateLimit-Remaining")), is(greaterThanOrEqualTo(half)));
  }

  /**
   * Unknown API keys sent at once from one address reach the database at most as often as the
   * address's bucket allows: its token is taken before the lookup runs. Were it taken only once a
   * lookup had failed, every request in flight would find it still there. The API key table is
   * locked meanwhile, so that no lookup finishes: the requests over the budget must be answered 429
   * without waiting for one, and only the budget's worth may end up looked up (401).
   */
  @Test
  void guessedApiKeysSentAtOnceAreThrottledBeforeTheyReachTheDatabase() throws Exception {
    SecureRandom random = new SecureRandom();
    String client = "198.19." + random.nextInt(256) + "." + random.nextInt(256);
    int burst = config.rateLimit().burst();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
    long began;
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("LOCK TABLE api_key IN ACCESS EXCLUSIVE MODE");
      }
      began = System.nanoTime();
      for (int i = 0; i < 2 * burst; i++) {
        byte[] guess = new byte[32];
        random.nextBytes(guess);
        answers.add(
            http.sendAsync(
                HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/risks"))
                    .header(
                        "X-Api-Key",
                        "tgk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(guess))
                    .header("X-Forwarded-For", client)
                    .build(),
                HttpResponse.BodyHandlers.discarding()));
      }
      // the pool's connections wait 5 s for the lock before giving up: answer well within that
      long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      long answered = 0;
      while (answered < burst / 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        answered = answers.stream().filter(CompletableFuture::isDone).count();
      }
      lock.rollback();
      assertThat(
          "answered while no lookup could finish", answered, is(greaterThanOrEqualTo(burst / 2L)));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - began) / 1e9;
    long unauthorized = answers.stream().filter(a -> a.join().statusCode() == 401).count();
    long refused = answers.stream().filter(a -> a.join().statusCode() == 429).count();
    assertThat(unauthorized + refused, is((long) answers.size()));
    // at once, the burst; meanwhile, what refilled at the configured rate
    long budget = burst + (long) Math.ceil(seconds * config.rateLimit().requestsPerSecond());
    assertThat("lookups in " + seconds + " s", unauthorized, is(lessThanOrEqualTo(budget)));
  }

  /**
   * Looking up an API key takes its address's token only while the lookup runs: a key that is found
   * gives it back, so that integrators behind one address are not throttled for using valid keys
   * (here the address's bucket is as full after a valid key's lookup as before it).
   */
  @Test
  void aValidApiKeysLookupCostsItsAddressNothing() {
    String secret =
        given()
            .header("Authorization", TestTokens.bearer("root", "ADMIN"))
            .contentType("application/json")
            .body("{\"name\":\"refund\",\"scope\":\"READ_ONLY\",\"ownerId\":\"svc-refund\"}")
            .post("/api/v1/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("secret");
    SecureRandom random = new SecureRandom();
    String client = "198.20." + random.nextInt(256) + "." + random.nextInt(256);
    given()
        .header("X-Api-Key", secret)
        .header("X-Forwarded-For", client)
        .get("/api/v1/risks")
        .then()
        .statusCode(200);
    // the address's own bucket, as an anonymous request from it sees it
    given()
        .header("X-Forwarded-For", client)
        .get("/api/v1/risks")
        .then()
        .statusCode(401)
        .header("RateLimit-Remaining", Integer.toString(config.rateLimit().burst() - 1));
  }

  @Test
  void limitsAreKeyedBySubjectNotByToken() {
    String user = "same-user-" + UUID.randomUUID();
    int burst = config.rateLimit().burst();
    // one token spends the user's bucket, until it is refused ...
    String spender = TestTokens.bearer(user, "MEMBER");
    int sent = 0;
    while (given().header("Authorization", spender).when().get("/api/v1/risks").statusCode()
        != 429) {
      assertThat("requests before a 429", ++sent, is(lessThan(20 * burst)));
    }
    // ... and another token of the same user finds it (nearly) empty right after, not a fresh one
    Response other =
        given()
            .header("Authorization", TestTokens.bearer(user, "ADMIN"))
            .when()
            .get("/api/v1/risks");
    assertThat(
        other.statusCode() == 429
            || Integer.parseInt(other.header("RateLimit-Remaining")) < burst / 2,
        is(true));
    given()
        .when()
        .get("/api/v1/risks")
        .then()
        .statusCode(401)
        .header("RateLimit-Limit", equalTo(Integer.toString(config.rateLimit().burst())));
  }
}

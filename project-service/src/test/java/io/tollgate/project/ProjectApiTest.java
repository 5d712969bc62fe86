package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.rest.Problem;
import io.tollgate.testing.LoggedErrors;
import io.tollgate.testing.Metrics;
import io.tollgate.testing.RawHttp;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST contract of /api/v1/projects, against the real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class ProjectApiTest {

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static final String PROBLEM = "application/problem+json";
  // 7 base-36 digits (36^7 ~ 7.8e10) from a random start: unique within a run, and a run that
  // shares a database with an earlier one is unlikely to meet its keys
  private static final long SUFFIXES = 78_364_164_096L;
  private static final AtomicLong SEQ =
      new AtomicLong(java.util.concurrent.ThreadLocalRandom.current().nextLong(SUFFIXES / 2));

  /**
   * A key no other test uses, so tests do not depend on each other's data: the prefix and a suffix
   * of fixed width, so that "P" + suffix never equals "PF" + another suffix.
   */
  static String uniqueKey(String prefix) {
    String suffix = Long.toString(SEQ.incrementAndGet() % SUFFIXES, 36).toUpperCase();
    return prefix + "0".repeat(7 - suffix.length()) + suffix;
  }

  static String body(String key) {
    return """
        {"key":"%s","name":"CRM replacement","description":"Replace the legacy CRM",
         "methodology":"AGILE","startDate":"2026-01-05","targetDate":"2026-09-30"}"""
        .formatted(key);
  }

  static Response create(String key) {
    return given().contentType(ContentType.JSON).body(body(key)).post("/api/v1/projects");
  }

  @Test
  void createAnswers201WithLocationEtagAndTheProject() {
    String key = uniqueKey("C");
    Response r = create(key);
    r.then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/projects/"))
        .header("ETag", "\"0\"")
        .body("id", notNullValue())
        .body("key", equalTo(key))
        .body("name", equalTo("CRM replacement"))
        .body("methodology", equalTo("AGILE"))
        .body("phase", equalTo("INITIATION"))
        .body("startDate", equalTo("2026-01-05"))
        .body("targetDate", equalTo("2026-09-30"))
        .body("archived", equalTo(false))
        .body("version", equalTo(0));
    String id = r.path("id");
    given()
        .get(r.header("Location"))
        .then()
        .statusCode(200)
        .header("ETag", "\"0\"")
        .body("id", equalTo(id))
        .body("key", equalTo(key));
  }

  /** A number or a boolean where the API takes text is refused, not stored as its text. */
  @Test
  void aNumberOrABooleanForTextIsRefused() {
    String key = uniqueKey("T");
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"" + key + "\",\"name\":12345,\"methodology\":\"AGILE\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("name"))
        .body("violations[0].message", containsString("must be text"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\""
                + key
                + "\",\"name\":\"n\",\"description\":true,\"methodology\":\"AGILE\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("description"));
    String id = create(key).then().statusCode(201).extract().path("id");
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"name\":1.5}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("name"));
    given().get("/api/v1/projects/" + id).then().header("ETag", "\"0\"");
  }

  @Test
  void invalidFieldsAreListedOneByOne() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"c\",\"name\":\"\",\"methodology\":null}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://tollgate.io/problems/validation"))
        .body("status", equalTo(400))
        .body("instance", equalTo("/api/v1/projects"))
        .body("violations.field", hasItem("key"))
        .body("violations.field", hasItem("name"))
        .body("violations.field", hasItem("methodology"));
  }

  @Test
  void unknownEnumAndBadDateNameTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"ENUM1\",\"name\":\"x\",\"methodology\":\"SCRUMBAN\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("methodology"))
        .body("violations[0].message", containsString("AGILE"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\"DATE1\",\"name\":\"x\",\"methodology\":\"AGILE\",\"startDate\":\"05/01/2026\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("startDate"));
  }

  @Test
  void targetBeforeStartIsRefusedAndNothingIsStored() {
    String key = uniqueKey("D");
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"WATERFALL\",\"startDate\":\"2026-05-01\",\"targetDate\":\"2026-04-01\"}"
                .formatted(key))
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("targetDate"));
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));
    // everything wrong with a form comes in one answer: its fields' own constraints and the
    // rules across them, not one round trip at a time
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"key\":\"%s\",\"name\":\" \",\"methodology\":\"WATERFALL\",\"startDate\":\"2026-05-01\",\"targetDate\":\"2026-04-01\",\"budget\":{\"amount\":\"-5\",\"currency\":\"EUR\"}}"
                .formatted(key))
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("budget.amount", "name", "targetDate")));
  }

  @Test
  void malformedJsonWrongContentTypeAndUnknownFieldsAreProblems() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\": \"BROKEN\", ")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://tollgate.io/problems/malformed-body"));
    given()
        .contentType(ContentType.JSON)
        .body("[{\"key\":\"ARRAY1\"}]")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("detail", equalTo("the request body must be a JSON object"));
    given()
        .contentType(ContentType.TEXT)
        .body("key=CRM")
        .post("/api/v1/projects")
        .then()
        .statusCode(415)
        .contentType(PROBLEM)
        .body("status", equalTo(415))
        .body(
            "detail",
            equalTo(
                "Content-Type text/plain is not supported here; send the body as application/json"));
    given()
        .accept("application/xml")
        .get("/api/v1/projects")
        .then()
        .statusCode(406)
        .contentType(PROBLEM)
        .body("detail", containsString("application/json, which the Accept header"));
    given()
        .delete("/api/v1/projects")
        .then()
        .statusCode(405)
        .contentType(PROBLEM)
        .body("detail", equalTo("DELETE is not supported on /api/v1/projects"))
        .header("Allow", "GET, HEAD, OPTIONS, POST");
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/api/v1/projects/" + UUID.randomUUID())
        .then()
        .statusCode(405)
        .header("Allow", "DELETE, GET, HEAD, OPTIONS, PATCH");
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"MASS1\",\"name\":\"x\",\"methodology\":\"AGILE\",\"phase\":\"CLOSED\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("phase"));
  }

  /**
   * A body must be one JSON value: what follows it (a second object run together with the first, a
   * stray bracket) is a 400, where Jackson alone would store the first value and ignore the rest.
   * White space after the value is not content and passes.
   */
  /**
   * An empty body, declared with {@code Content-Length: 0} or sent as a chunked body without a
   * chunk, is answered at once with a 400 problem: it used to leave the endpoint waiting for a body
   * that had already ended, until the read timed out a minute later as a 500.
   */
  @Test
  void anEmptyBodyIsA400ProblemAtOnce() throws Exception {
    String host = URI.create(RestAssured.baseURI).getHost();
    for (String framing :
        List.of("Content-Length: 0\r\n\r\n", "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")) {
      try (Socket socket = new Socket(host, RestAssured.port)) {
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /api/v1/projects HTTP/1.1\r\nHost: "
                    + host
                    + "\r\nAuthorization: "
                    + TestTokens.bearer("alice", "MEMBER")
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + framing)
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(framing, answer, containsString("HTTP/1.1 400"));
        assertThat(framing, answer, containsString(PROBLEM));
      }
    }
  }

  @Test
  void aBodyWithAnythingAfterItsJsonValueIsRefusedAndStoresNothing() {
    String key = uniqueKey("TR");
    String body = "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\"}".formatted(key);
    given()
        .contentType(ContentType.JSON)
        .body(body + "{\"key\":\"OTHER\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://tollgate.io/problems/malformed-body"))
        .body(
            "detail",
            equalTo(
                "the request body must hold one JSON value and nothing after it"
                    + " (more begins at line 1, column "
                    + (body.length() + 1)
                    + ")"));
    for (String after : List.of("]", " x", "\u0000")) {
      given()
          .contentType(ContentType.JSON)
          .body(body + after)
          .post("/api/v1/projects")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("type", equalTo("https://tollgate.io/problems/malformed-body"));
    }
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));

    String id =
        given()
            .contentType(ContentType.JSON)
            .body(body + " \r\n\t")
            .post("/api/v1/projects")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // a merge patch is held to the same rule and changes nothing
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"name\":\"Renamed\"}{\"name\":\"Again\"}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://tollgate.io/problems/malformed-body"));
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("version", equalTo(0))
        .body("name", equalTo("x"));
  }

  @Test
  void unknownProjectsAndPathsAre404Problems() {
    given()
        .get("/api/v1/projects/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("https://tollgate.io/problems/not-found"));
    given().get("/api/v1/projects/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    given().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM);
  }

  /**
   * A path that decodes to characters a URI cannot hold (a client that left {@code {id}} in its
   * template, a space, an encoded {@code %}) is still a 404 problem whose {@code instance} names
   * the path, with or without a token, and never a server error.
   */
  @Test
  void pathsThatDecodeToCharactersAUriCannotHoldAre404Problems() throws Exception {
    String host = URI.create(RestAssured.baseURI).getHost();
    for (String id : List.of("%7Bid%7D", "a%20b", "a%25b", "%3Cx%3E")) {
      for (boolean signedIn : List.of(true, false)) {
        List<String> head = new java.util.ArrayList<>();
        head.add("GET /api/v1/projects/" + id + " HTTP/1.1");
        head.add("Host: " + host);
        if (signedIn) {
          head.add("Authorization: " + TestTokens.bearer("alice", "MEMBER"));
        }
        LoggedErrors.Outcome<RawHttp.Answer> outcome =
            LoggedErrors.whileGetting(
                () -> RawHttp.exchange(host, RestAssured.port, head.toArray(String[]::new)));
        RawHttp.Answer answer = outcome.result();
        String what = id + (signedIn ? " with a token" : " without one");
        assertEquals(signedIn ? 404 : 401, answer.status(), what);
        assertEquals(PROBLEM, answer.header("Content-Type"), what);
        assertEquals("/api/v1/projects/" + id, answer.json().getString("instance"), what);
        assertThat(what, outcome.errors(), empty());
      }
    }
  }

  /**
   * Browsers send {@code |}, {@code {}} and {@code }} in a query without encoding them, and Java's
   * URI grammar does not allow them; a {@code %} that starts no escape is no URI either. Such a
   * request is refused before any route runs with a problem that says what to encode (Quarkus's own
   * check, which the tests turn off as the launcher does, would answer an empty 400; ADR 0019), and
   * never reaches the API to fail there as a server error.
   */
  @ParameterizedTest
  @CsvSource(
      delimiterString = " -> ",
      quoteCharacter = '"',
      value = {
        "/api/v1/projects?text=a|b{c}&size=5 -> '|' must be percent-encoded as %7C",
        "/api/v1/projects/{id} -> '{' must be percent-encoded as %7B",
        "/api/v1/projects?text=%zz -> '%' must be followed by two hexadecimal digits",
        "/api/v1/projects/%zz -> '%' must be followed by two hexadecimal digits",
        "/q/health/ready?x=a|b -> '|' must be percent-encoded as %7C"
      })
  void aTargetThatIsNotAUriIsA400ProblemThatSaysWhatToEncode(String target, String why)
      throws Exception {
    String host = URI.create(RestAssured.baseURI).getHost();
    LoggedErrors.Outcome<RawHttp.Answer> outcome =
        LoggedErrors.whileGetting(
            () ->
                RawHttp.exchange(
                    host,
                    RestAssured.port,
                    "GET " + target + " HTTP/1.1",
                    "Host: " + host,
                    "Authorization: " + TestTokens.bearer("alice", "MEMBER")));
    RawHttp.Answer answer = outcome.result();
    assertEquals(400, answer.status());
    assertEquals(Problem.MEDIA_TYPE, answer.header("Content-Type"));
    assertEquals("https://tollgate.io/problems/validation", answer.json().getString("type"));
    assertThat(
        answer.json().getString("detail"),
        allOf(startsWith("The request target is not a valid URI: "), containsString(why)));
    assertThat(outcome.errors(), empty());
  }

  /**
   * A long query (a pasted search text) is answered as any other, up to 8 KiB of target: the HTTP
   * codec's own limit, which would refuse it with an empty 414 from 4 KiB on, is raised above ours.
   * A longer target is refused with a problem that gives both lengths (ADR 0019).
   */
  @Test
  void aLongTargetIsAnsweredAndATooLongOneIsA414Problem() {
    given()
        .queryParam("text", "a".repeat(6_000))
        .get("/api/v1/projects")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(0));
    given()
        .queryParam("text", "a".repeat(9_000))
        .get("/api/v1/projects")
        .then()
        .statusCode(414)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("https://tollgate.io/problems/uri-too-long"))
        .body(
            "detail",
            equalTo(
                "The request target (path and query) is 9,022 characters long; at most 8,192"
                    + " are accepted"));
  }

  /**
   * Header fields are taken up to 32 KiB, more than the gateway passes on (20 KiB from the client,
   * plus its own forwarding headers and, for an API key, the token it mints); more is a 431 problem
   * that names the largest field, where the HTTP codec would have answered an empty 431 from 20 KiB
   * on.
   */
  @Test
  void headerFieldsOverTheLimitAreA431ProblemThatNamesTheLargest() {
    given().header("X-Padding", "x".repeat(22_000)).get("/api/v1/projects").then().statusCode(200);
    given()
        .header("X-Padding", "x".repeat(40_000))
        .get("/api/v1/projects")
        .then()
        .statusCode(431)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", equalTo("https://tollgate.io/problems/header-fields-too-large"))
        .body("detail", containsString("at most 32,768 are accepted (the largest, X-Padding,"));
  }

  /**
   * The router refuses a request without a Host header before any route runs: still a problem that
   * says what was wrong, and a client's mistake that is not logged as a server error.
   */
  @Test
  void aRequestWithoutHostIsA400ProblemAndNoServerError() throws Exception {
    LoggedErrors.Outcome<RawHttp.Answer> outcome =
        LoggedErrors.whileGetting(
            () ->
                RawHttp.exchange(
                    URI.create(RestAssured.baseURI).getHost(),
                    RestAssured.port,
                    "GET /api/v1/projects HTTP/1.1",
                    "Authorization: " + TestTokens.bearer("alice", "MEMBER")));
    RawHttp.Answer answer = outcome.result();
    assertThat(answer.status(), equalTo(400));
    assertThat(answer.header("Content-Type"), equalTo(PROBLEM));
    assertThat(answer.json().getString("type"), equalTo("https://tollgate.io/problems/validation"));
    assertThat(answer.json().getString("detail"), containsString("'Host' header is required"));
    assertThat(outcome.errors(), empty());
  }

  @Test
  void aRefusedDuplicateLogsNoneOfTheDataItCarried() throws Exception {
    // the database's detail of a refused row (its values: keys, user ids, e-mail addresses) stays
    // out of the service's logs; the 409 is the client's answer, not an error of the service
    String key = uniqueKey("DL");
    create(key).then().statusCode(201);
    List<String> errors =
        LoggedErrors.loggedDuring(
            java.util.logging.Level.WARNING, () -> create(key).then().statusCode(409));
    assertThat(errors.toString(), errors.stream().noneMatch(e -> e.contains(key)), is(true));
  }

  @Test
  void duplicateKeyIs409() {
    String key = uniqueKey("K");
    create(key).then().statusCode(201);
    create(key).then().statusCode(409).contentType(PROBLEM).body("detail", containsString(key));
  }

  @Test
  void oversizedBodyIs413Problem() {
    String huge = "x".repeat(1_100_000);
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"BIG\",\"name\":\"x\",\"description\":\"" + huge + "\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("status", equalTo(413));
  }

  @Test
  void oversizedChunkedBodyIs413ProblemAndCreatesNothing() throws Exception {
    // no Content-Length (an input stream is sent chunked): the limit is only seen as it streams in
    String key = uniqueKey("CH");
    String huge = "x".repeat(1_100_000);
    byte[] body =
        ("{\"key\":\"" + key + "\",\"name\":\"x\",\"description\":\"" + huge + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/projects"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestTokens.bearer("alice", "MEMBER"))
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode(), equalTo(413));
    assertThat(
        response.headers().firstValue("Content-Type").orElse(""), containsString("problem+json"));
    assertThat(response.body(), containsString("1048576"));
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));
  }

  @Test
  void clientHangingUpMidBodyIsNotLoggedAsAServerErrorAndCreatesNothing() throws Exception {
    // wrk and impatient clients do this: a declared length, part of the body, then a closed socket
    String key = uniqueKey("HU");
    double postsBefore = finishedPosts();
    double activeBefore = activeRequests();
    List<String> errors =
        LoggedErrors.during(
            () -> {
              try (Socket socket =
                  new Socket(URI.create(RestAssured.baseURI).getHost(), RestAssured.port)) {
                OutputStream out = socket.getOutputStream();
                out.write(
                    ("POST /api/v1/projects HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nAuthorization: "
                            + TestTokens.bearer("alice", "MEMBER")
                            + "\r\nContent-Length: 1000\r\n\r\n{\"key\":\""
                            + key
                            + "\"")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
              }
              // the hang-up is seen asynchronously: wait until the server has finished with the
              // request (counted among the POSTs it finished, as reset, and no longer in progress)
              await()
                  .atMost(Duration.ofSeconds(30))
                  .pollInterval(Duration.ofMillis(50))
                  .until(() -> finishedPosts() > postsBefore && activeRequests() <= activeBefore);
            });
    assertThat(errors, empty());
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));
  }

  /** The POSTs the server has finished, answered or reset, as /q/metrics counts them. */
  private static double finishedPosts() {
    // none yet when this test runs first: no series then
    return Metrics.sum(
        Metrics.series("http_server_requests_seconds_count"), Map.of("method", "POST"));
  }

  /** The requests the server has in progress, the one that reads the figure included. */
  private static double activeRequests() {
    Map<Map<String, String>, Double> active = Metrics.series("http_server_active_requests");
    assertThat("the gauge counts the scrape itself", active.keySet(), not(empty()));
    return Metrics.sum(active, Map.of());
  }

  /**
   * Names are kept without surrounding spaces, so a patch that only adds some changes nothing: no
   * new version (other clients' If-Match stays valid), no history entry, for a project, a KPI and a
   * stakeholder alike.
   */
  @Test
  void aPatchThatOnlyAddsSpacesChangesNothing() {
    String id = create(uniqueKey("W")).path("id");
    String url = "/api/v1/projects/" + id;
    String name = given().get(url).path("name");
    String kpi = KpiApiTest.define(id, "Uptime", "99.9", "HIGHER_IS_BETTER").path("id");
    String stakeholder = StakeholderApiTest.add(id, "spacey", "VIEWER").path("id");
    int history = given().get(url + "/history").path("totalItems");
    for (String[] change :
        List.of(
            new String[] {url, "{\"name\":\"  " + name + " \"}", "0"},
            new String[] {url + "/kpis/" + kpi, "{\"name\":\"Uptime \",\"unit\":\" %\"}", "0"},
            new String[] {
              url + "/stakeholders/" + stakeholder, "{\"name\":\" spacey Example\"}", "0"
            })) {
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"" + change[2] + "\"")
          .body(change[1])
          .patch(change[0])
          .then()
          .statusCode(200)
          .header("ETag", "\"" + change[2] + "\"");
    }
    given().get(url).then().body("version", equalTo(0)).body("name", equalTo(name));
    given().get(url + "/history").then().body("totalItems", equalTo(history));
  }

  /**
   * A problem quotes the request id the gateway gave the request, whether the service refused it in
   * its REST layer or before (a body over the limit), so a client's report leads to the logs.
   */
  @Test
  void problemsQuoteTheRequestId() {
    given()
        .header("X-Request-Id", "req-42.a")
        .contentType(ContentType.JSON)
        .body("{\"key\":\"\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("requestId", equalTo("req-42.a"));
    given()
        .header("X-Request-Id", "req-43")
        .contentType(ContentType.JSON)
        .body("{\"description\":\"" + "x".repeat((1 << 20) + 1) + "\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(413)
        .body("requestId", equalTo("req-43"));
    // one the gateway would not have passed on is not repeated
    given()
        .header("X-Request-Id", "bad id\u0001")
        .contentType(ContentType.JSON)
        .body("{\"key\":\"\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("requestId", nullValue());
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":\"\"}")
        .post("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("requestId", nullValue());
  }

  @Test
  void updateNeedsIfMatchAndRefusesStaleVersions() {
    String id = create(uniqueKey("U")).path("id");
    String url = "/api/v1/projects/" + id;
    given()
        .contentType("application/merge-patch+json")
        .body("{\"name\":\"Renamed\"}")
        .patch(url)
        .then()
        .statusCode(428)
        .contentType(PROBLEM);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"name\":\"Renamed\",\"description\":null}")
        .patch(url)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("name", equalTo("Renamed"))
        .body("description", nullValue())
        .body("version", equalTo(1));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"name\":\"Lost update\"}")
        .patch(url)
        .then()
        .statusCode(412)
        .contentType(PROBLEM);
    // If-Match compares strongly (RFC 9110 13.1.1): the weak form of the current tag is refused
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "W/\"1\"")
        .body("{\"name\":\"Weakly matched\"}")
        .patch(url)
        .then()
        .statusCode(412)
        .contentType(PROBLEM)
        .body("detail", containsString("weak"));
    given().get(url).then().body("name", equalTo("Renamed")).header("ETag", "\"1\"");

    // a client holding the current version is told so without the body; an older one gets it
    given()
        .header("If-None-Match", "\"1\"")
        .get(url)
        .then()
        .statusCode(304)
        .header("ETag", "\"1\"")
        .body(emptyString());
    given().header("If-None-Match", "\"0\", W/\"1\"").get(url).then().statusCode(304);
    given()
        .header("If-None-Match", "\"0\"")
        .get(url)
        .then()
        .statusCode(200)
        .body("name", equalTo("Renamed"));
  }

  /**
   * Values Java reads but PostgreSQL cannot store as sent: a NUL character, half a surrogate pair
   * (the driver would store '?'), a year beyond four digits or year 0000 (kept as 1 BC). Each is a
   * 400 naming the field, not a 500 or a silently changed value, and nothing is stored.
   */
  @Test
  void textAndDatesTheDatabaseCannotStoreAreRefusedByField() {
    String key = uniqueKey("U");
    String[][] cases = {
      {"name", "{\"key\":\"%s\",\"name\":\"CRM\\u0000\",\"methodology\":\"AGILE\"}"},
      {
        "description",
        "{\"key\":\"%s\",\"name\":\"x\",\"description\":\"half \\ud800\",\"methodology\":\"AGILE\"}"
      },
      {
        "startDate",
        "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\",\"startDate\":\"+99999998-01-05\"}"
      },
      {
        "startDate",
        "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\",\"startDate\":\"-4000-01-05\"}"
      },
      // year 0000 is RFC 3339, but PostgreSQL keeps it as 1 BC and it came back as 0001
      {
        "startDate",
        "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\",\"startDate\":\"0000-06-15\"}"
      },
      // Jackson alone reads 5 as 1970-01-06, an array as a date and "" as no date
      {"startDate", "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\",\"startDate\":5}"},
      {
        "startDate",
        "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\",\"startDate\":[2026,1,5]}"
      },
      {
        "targetDate",
        "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\",\"targetDate\":\"\"}"
      },
      // ... and 1 as the enum's second constant
      {"methodology", "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":1}"},
      // ... and a repeated name as its last value (a proxy in front may take the first)
      {"key", "{\"key\":\"%s\",\"key\":\"OTHER\",\"name\":\"x\",\"methodology\":\"AGILE\"}"},
      {
        "budget.amount",
        "{\"key\":\"%s\",\"name\":\"x\",\"methodology\":\"AGILE\",\"budget\":{\"amount\":1,\"amount\":2,\"currency\":\"EUR\"}}"
      },
    };
    for (String[] c : cases) {
      given()
          .contentType(ContentType.JSON)
          .body(c[1].formatted(key))
          .post("/api/v1/projects")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("violations.field", equalTo(List.of(c[0])));
    }
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));

    // a character outside the Basic Multilingual Plane is a valid pair and comes back intact
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"key\":\"%s\",\"name\":\"Launch \\ud83d\\ude80\",\"methodology\":\"AGILE\"}"
                    .formatted(key))
            .post("/api/v1/projects")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given().get("/api/v1/projects/" + id).then().body("name", equalTo("Launch \ud83d\ude80"));

    // a merge patch goes through the same rules and changes nothing
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"description\":\"a\\u0000b\"}")
        .patch("/api/v1/projects/" + id)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("description"))
        .body("violations[0].message", containsString("NUL"));
    given()
        .get("/api/v1/projects/" + id)
        .then()
        .body("version", equalTo(0))
        .body("description", nullValue());
  }

  /** A query parameter that is not a value of its type is a 400 naming it, never a 404 or 500. */
  @Test
  void queryParametersThatAreNotValuesAreRefusedByName() {
    String[][] cases = {
      {"text", "a\u0000b", "NUL"},
      {"page", "abc", "whole number"},
      {"size", "1.5", "whole number"},
      {"archived", "maybe", "true or false"},
    };
    for (String[] c : cases) {
      given()
          .queryParam(c[0], c[1])
          .get("/api/v1/projects")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("violations[0].field", equalTo(c[0]))
          .body("violations[0].message", containsString(c[2]));
    }
    // the first row of page 2^31-1 would lie beyond the offsets the database can be asked for
    given()
        .queryParam("page", Integer.MAX_VALUE)
        .queryParam("size", 200)
        .get("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("page"))
        .body("violations[0].message", equalTo("must be at most " + Integer.MAX_VALUE / 200));
    given()
        .queryParam("archived", "TRUE")
        .queryParam("size", 1)
        .get("/api/v1/projects")
        .then()
        .statusCode(200);
  }

  /**
   * A typo in a filter would list every project unfiltered, and a repeated parameter means
   * whichever copy a reader takes: both are refused by name, like an unknown field of a body.
   */
  @Test
  void unknownAndRepeatedQueryParametersAreRefusedByName() {
    given()
        .queryParam("phse", "EXECUTION")
        .get("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("phse"))
        .body(
            "violations[0].message",
            equalTo(
                "is not a parameter of this operation (it takes: archived, methodology, page,"
                    + " phase, size, sort, text)"));
    given()
        .urlEncodingEnabled(false)
        .get("/api/v1/projects?page=1&page=2")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("page"))
        .body("violations[0].message", equalTo("is given 2 times; give it at most once"));
    String id = create(uniqueKey("Q")).path("id");
    given()
        .queryParam("expand", "all")
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("expand"))
        .body("violations[0].message", containsString("(it takes: asOf)"));
    given()
        .queryParam("asOf", "2030-01-01T00:00:00Z")
        .get("/api/v1/projects/" + id)
        .then()
        .statusCode(200);
  }

  @Test
  void patchRefusesReadOnlyFieldsAndInvalidValuesWithoutChangingAnything() {
    String id = create(uniqueKey("R")).path("id");
    String url = "/api/v1/projects/" + id;
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"version\":42,\"phase\":\"CLOSED\",\"id\":\"x\"}")
        .patch(url)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", hasItem("phase"))
        .body("violations.field", hasItem("version"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"name\":\"  \",\"targetDate\":\"2025-01-01\"}")
        .patch(url)
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .get(url)
        .then()
        .body("version", equalTo(0))
        .body("phase", equalTo("INITIATION"))
        .body("name", equalTo("CRM replacement"));
  }

  /**
   * A retry sent while the first attempt is still running (a client that timed out) replays the
   * first response instead of failing on the key the first attempt just stored. Java's HttpClient
   * also offers to upgrade to HTTP/2 over plain HTTP, which used to fail a request with a body.
   */
  @Test
  void concurrentRequestsWithOneIdempotencyKeyCreateOnceAndAllAnswerIt() throws Exception {
    String key = uniqueKey("IC");
    String idempotencyKey = UUID.randomUUID().toString();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/projects"))
            .header("Authorization", TestTokens.bearer("alice", "MEMBER"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body(key)))
            .build();
    List<HttpResponse<String>> answers =
        java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
            .toList()
            .stream()
            .map(java.util.concurrent.CompletableFuture::join)
            .toList();
    assertThat(answers.stream().map(HttpResponse::statusCode).toList(), everyItem(equalTo(201)));
    assertEquals(
        1,
        answers.stream()
            .map(a -> a.headers().firstValue("Location").orElseThrow())
            .distinct()
            .count());
    assertEquals(
        7,
        answers.stream()
            .filter(a -> a.headers().firstValue("Idempotent-Replayed").isPresent())
            .count());
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(1));
  }

  @Test
  void idempotencyKeyReplaysTheFirstResponseAndRefusesAnotherBody() {
    String key = uniqueKey("I");
    String idem = UUID.randomUUID().toString();
    Response first =
        given()
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", idem)
            .body(body(key))
            .post("/api/v1/projects");
    first.then().statusCode(201);
    Response replay =
        given()
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", idem)
            .body(body(key))
            .post("/api/v1/projects");
    replay
        .then()
        .statusCode(201)
        .header("Location", equalTo(first.header("Location")))
        .body("id", equalTo(first.path("id")));
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", idem)
        .body(body(key + "X"))
        .post("/api/v1/projects")
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", equalTo("https://tollgate.io/problems/idempotency-key-reused"));
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(1));

    // the key is alice's: bob sending it replays nothing of hers. The same body is his own create
    // (refused, the project key is taken), another body creates his project, not a 422
    String bob = TestTokens.bearer("bob", "MEMBER");
    given()
        .header("Authorization", bob)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", idem)
        .body(body(key))
        .post("/api/v1/projects")
        .then()
        .statusCode(409)
        .header("Idempotent-Replayed", nullValue());
    given()
        .header("Authorization", bob)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", idem)
        .body(body(key + "B"))
        .post("/api/v1/projects")
        .then()
        .statusCode(201)
        .body("key", equalTo(key + "B"))
        .body("createdBy", equalTo("bob"));
  }

  /** The page number the answer's {@code Link} with rel="prev" names, or null without one. */
  private static String previousPage(Response response) {
    for (String value : response.headers().getValues("Link")) {
      for (String link : value.split(",\\s*(?=<)")) {
        if (link.contains("rel=\"prev\"")) {
          return link.replaceAll("^\\s*<[^>]*[?&]page=(\\d+)[^>]*>.*$", "$1");
        }
      }
    }
    return null;
  }

  @Test
  void listFiltersAndPagesInAStableOrder() {
    String tag = uniqueKey("L");
    for (int i = 0; i < 5; i++) {
      given()
          .contentType(ContentType.JSON)
          .body(
              "{\"key\":\"%s%d\",\"name\":\"Listing %s\",\"methodology\":\"%s\"}"
                  .formatted(tag, i, tag, i % 2 == 0 ? "HYBRID" : "WATERFALL"))
          .post("/api/v1/projects")
          .then()
          .statusCode(201);
    }
    Response page0 =
        given()
            .queryParam("text", "listing " + tag.toLowerCase())
            .queryParam("size", 2)
            .get("/api/v1/projects");
    page0
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items[0].key", equalTo(tag + "0"))
        .body("items[1].key", equalTo(tag + "1"))
        .body("totalItems", equalTo(5))
        .body("totalPages", equalTo(3))
        .header("Link", containsString("rel=\"next\""));
    given()
        .queryParam("text", "Listing " + tag)
        .queryParam("size", 2)
        .queryParam("page", 2)
        .get("/api/v1/projects")
        .then()
        .body("items", hasSize(1))
        .body("items[0].key", equalTo(tag + "4"))
        .header("Link", not(containsString("rel=\"next\"")));
    assertEquals(
        "1",
        previousPage(
            given()
                .queryParam("text", "Listing " + tag)
                .queryParam("size", 2)
                .queryParam("page", 2)
                .get("/api/v1/projects")));
    // past the end: back to the last page with items, not to the page before, as empty
    Response pastTheEnd =
        given()
            .queryParam("text", "Listing " + tag)
            .queryParam("size", 2)
            .queryParam("page", 99)
            .get("/api/v1/projects");
    pastTheEnd
        .then()
        .statusCode(200)
        .body("items", hasSize(0))
        .header("Link", not(containsString("rel=\"next\"")));
    assertEquals("2", previousPage(pastTheEnd));
    // a list with no items at all: back to its first page
    assertEquals(
        "0",
        previousPage(
            given()
                .queryParam("text", "nothing like " + tag)
                .queryParam("page", 3)
                .get("/api/v1/projects")));
    given()
        .queryParam("text", tag)
        .queryParam("methodology", "HYBRID")
        .get("/api/v1/projects")
        .then()
        .body("totalItems", equalTo(3))
        .body("items.methodology", everyItem(equalTo("HYBRID")));
    given()
        .queryParam("phase", "PLANNING")
        .queryParam("text", tag)
        .get("/api/v1/projects")
        .then()
        .body("totalItems", equalTo(0));
    // any of several phases ("active projects")
    given()
        .queryParam("phase", "PLANNING", "INITIATION")
        .queryParam("text", tag)
        .get("/api/v1/projects")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(5))
        .body("items.phase", everyItem(equalTo("INITIATION")));
    given()
        .queryParam("phase", "INITIATION", "NOPE")
        .get("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("phase"));
    given()
        .queryParam("size", 0)
        .get("/api/v1/projects")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .queryParam("phase", "NOPE")
        .get("/api/v1/projects")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("phase"));
  }

  @Test
  void archiveHidesFromListsAndFreezesTheProject() {
    String key = uniqueKey("A");
    String id = create(key).path("id");
    String url = "/api/v1/projects/" + id;
    given().delete(url).then().statusCode(428);
    given().header("If-Match", "\"0\"").delete(url).then().statusCode(204);
    given()
        .get(url)
        .then()
        .statusCode(200)
        .body("archived", equalTo(true))
        .body("archivedAt", notNullValue());
    given().queryParam("text", key).get("/api/v1/projects").then().body("totalItems", equalTo(0));
    given()
        .queryParam("text", key)
        .queryParam("archived", true)
        .get("/api/v1/projects")
        .then()
        .body("totalItems", equalTo(1));
    // both, for an "include archived" toggle that pages one list
    String live = create(key + "L").path("id");
    given()
        .queryParam("text", key)
        .queryParam("archived", "any")
        .get("/api/v1/projects")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(2))
        .body("items.id", org.hamcrest.Matchers.containsInAnyOrder(id, live));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"1\"")
        .body("{\"name\":\"Too late\"}")
        .patch(url)
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
  }

  @Test
  void healthIncludesDatabaseAndKafka() {
    String body = given().get("/q/health/ready").then().statusCode(200).extract().asString();
    assertEquals(true, body.contains("Database connections health check"), body);
    assertEquals(true, body.contains("Kafka"), body);
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/projects"));
    given().get("/asyncapi/asyncapi.yaml").then().statusCode(200);
  }

  /**
   * The database goes away (an operator closes it, its connections are cut): requests are answered
   * 503 with Retry-After, not 500 with a stack trace each, a create writes nothing, and the service
   * serves again once the database is back.
   */
  @Test
  void aDatabaseOutageIsA503ThatChangesNothing() throws Exception {
    String id = create(uniqueKey("DB")).path("id");
    String key = uniqueKey("OUT");
    try (var admin =
        java.sql.DriverManager.getConnection(
            TollgateInfrastructure.jdbcUrl("postgres"),
            TollgateInfrastructure.postgresUsername(),
            TollgateInfrastructure.postgresPassword())) {
      List<String> errors;
      try {
        admin.createStatement().execute("alter database project allow_connections false");
        admin
            .createStatement()
            .execute(
                "select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = 'project' and pid <> pg_backend_pid()");
        errors =
            LoggedErrors.during(
                () -> {
                  given()
                      .get("/api/v1/projects/" + id)
                      .then()
                      .statusCode(503)
                      .contentType(PROBLEM)
                      .header("Retry-After", "5")
                      .body("type", equalTo("https://tollgate.io/problems/unavailable"));
                  create(key).then().statusCode(503).contentType(PROBLEM);
                });
      } finally {
        admin.createStatement().execute("alter database project allow_connections true");
      }
      assertThat(errors, empty());
    }
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> given().get("/api/v1/projects/" + id).statusCode() == 200);
    given()
        .queryParam("text", key)
        .get("/api/v1/projects")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(0));
  }
}

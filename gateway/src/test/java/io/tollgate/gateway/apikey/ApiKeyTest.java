package io.tollgate.gateway.apikey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.tollgate.gateway.config.GatewayConfig;
import io.tollgate.gateway.testing.UpstreamServers;
import io.tollgate.testing.LoggedErrors;
import io.tollgate.testing.TestTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** API keys: managed by admins on the gateway itself, exchanged for a minted JWT on use. */
@QuarkusTest
class ApiKeyTest {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String KEYS = "/api/v1/api-keys";

  @Inject GatewayConfig config;
  @Inject JWTParser parser;
  @Inject AgroalDataSource dataSource;

  private final String admin = TestTokens.bearer("root", "ADMIN");

  @Test
  void lifecycleOfARestrictedReadOnlyKey() throws Exception {
    String allowed = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();

    // created by an admin: the secret is in this response and nowhere else
    Response created =
        given()
            .header("Authorization", admin)
            .contentType(ContentType.JSON)
            .body(
                new JsonObject()
                    .put("name", "ci-dashboard")
                    .put("scope", "READ_ONLY")
                    .put("projectIds", new JsonArray().add(allowed.toUpperCase()))
                    .put("ownerId", "integrator-1")
                    .encode())
            .when()
            .post(KEYS)
            .then()
            .statusCode(201)
            .contentType(ContentType.JSON)
            .header("Cache-Control", "no-store")
            .body("name", equalTo("ci-dashboard"))
            .body("scope", equalTo("READ_ONLY"))
            .body("projectIds", contains(allowed))
            .body("ownerId", equalTo("integrator-1"))
            .body("createdBy", equalTo("root"))
            .body("active", equalTo(true))
            .body("secret", matchesPattern("tgk_[A-Za-z0-9_-]{43}"))
            .extract()
            .response();
    String id = created.path("id");
    String secret = created.path("secret");
    assertThat(created.header("Location"), is(KEYS + "/" + id));
    assertThat(secret, matchesPattern("^" + created.path("prefix") + ".*"));

    // listed and read without the secret
    String list =
        given()
            .header("Authorization", admin)
            .when()
            .get(KEYS + "?size=200")
            .then()
            .statusCode(200)
            .body("items.id", hasItem(id))
            .body("items.find { it.id == '" + id + "' }.secret", nullValue())
            .extract()
            .asString();
    assertThat(list, not(containsString(secret.substring(8))));
    String single =
        given()
            .header("Authorization", admin)
            .when()
            .get(KEYS + "/" + id)
            .then()
            .statusCode(200)
            .body("id", equalTo(id))
            .body("prefix", equalTo(secret.substring(0, 8)))
            .extract()
            .asString();
    assertThat(single, not(containsString(secret.substring(8))));

    // used: the service receives a token minted for the owner, never the key
    String path = "/api/v1/projects/" + allowed + "/milestones";
    JsonPath echo =
        given()
            .header("X-Api-Key", secret)
            .when()
            .get(path)
            .then()
            .statusCode(200)
            .header("RateLimit-Limit", notNullValue())
            .extract()
            .jsonPath();
    assertThat(echo.getList("headers.'x-api-key'"), nullValue());
    String forwarded = echo.getList("headers.'authorization'", String.class).get(0);
    assertThat(
        forwarded, matchesPattern("Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));
    JsonWebToken jwt = parser.parse(forwarded.substring("Bearer ".length()));
    assertThat(jwt.getSubject(), is("integrator-1"));
    assertThat(jwt.getName(), is("integrator-1"));
    assertThat(jwt.getGroups(), contains("MEMBER"));
    assertThat(jwt.getIssuer(), is("https://tollgate.local/issuer"));
    assertThat(jwt.getAudience(), contains("tollgate"));
    assertThat(jwt.getClaim("api_key_id").toString(), containsString(id));
    assertThat(jwt.getClaim("scope").toString(), containsString("READ_ONLY"));
    assertThat(jwt.getClaim("projects").toString(), containsString(allowed));
    long lifetime = jwt.getExpirationTime() - jwt.getIssuedAtTime();
    assertThat(lifetime, is(lessThanOrEqualTo(config.apiKeys().tokenTtl().toSeconds())));

    // the Authorization form works too, HEAD is a read
    given()
        .header("Authorization", "ApiKey " + secret)
        .when()
        .get("/api/v1/projects/" + allowed)
        .then()
        .statusCode(200);
    given().header("X-Api-Key", secret).when().head(path).then().statusCode(200);

    // read-only: no writes, and the service never sees the attempt
    String write = "/api/v1/projects/" + allowed + "/risks";
    given()
        .header("X-Api-Key", secret)
        .contentType(ContentType.JSON)
        .body("{}")
        .when()
        .post(write)
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", containsString("insufficient_scope"))
        .body("type", equalTo("https://tollgate.io/problems/forbidden"))
        .body("detail", containsString("read-only"));
    assertThat(UpstreamServers.seen(projectService(), write), is(0L));

    // another project does not exist for this key
    String outside = "/api/v1/projects/" + other;
    given()
        .header("X-Api-Key", secret)
        .when()
        .get(outside)
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://tollgate.io/problems/not-found"));
    assertThat(UpstreamServers.seen(projectService(), outside), is(0L));
    // an unrestricted collection is the service's to filter by the projects claim
    given().header("X-Api-Key", secret).when().get("/api/v1/risks").then().statusCode(200);

    // revoked: refused at once, and revoking again (by anyone) changes nothing, nor is it logged
    // as a revocation again: the log names who revoked the key, once
    List<String> revocations =
        LoggedErrors.describedDuring(
            record ->
                record instanceof ExtLogRecord ext
                        && ext.getFormattedMessage().contains(id + " (ci-dashboard) revoked by")
                    ? ext.getFormattedMessage()
                    : null,
            () -> {
              given()
                  .header("Authorization", admin)
                  .when()
                  .delete(KEYS + "/" + id)
                  .then()
                  .statusCode(204);
              given()
                  .header("X-Api-Key", secret)
                  .when()
                  .get(path)
                  .then()
                  .statusCode(401)
                  .contentType(PROBLEM_JSON)
                  .header("WWW-Authenticate", containsString("invalid_token"));
              given()
                  .header("Authorization", TestTokens.bearer("second-root", "ADMIN"))
                  .when()
                  .delete(KEYS + "/" + id)
                  .then()
                  .statusCode(204);
            });
    assertThat(revocations, contains(containsString("revoked by root")));
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "/" + id)
        .then()
        .statusCode(200)
        .body("active", equalTo(false))
        .body("revokedBy", equalTo("root"))
        .body("revokedAt", notNullValue());
  }

  /**
   * A request whose lookup read the key just before an admin revoked it, and ended after the
   * revocation was answered, must not bring the key back: neither it nor a later request with the
   * secret gets through. The lookup is held at that point by a store that waits for the revocation.
   */
  @Test
  void aLookupOvertakenByTheRevocationDoesNotBringTheKeyBack() throws Exception {
    Response created = create("overtaken", "READ_WRITE", null, "integrator-3");
    String secret = created.path("secret");
    String id = created.path("id");
    byte[] hash = ApiKeyService.sha256(secret);
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch revoked = new CountDownLatch(1);
    QuarkusMock.installMockForType(
        new ApiKeyStore(dataSource) {
          @Override
          Optional<ApiKey> findBySecretHash(byte[] secretHash) throws SQLException {
            Optional<ApiKey> found = super.findBySecretHash(secretHash);
            if (Arrays.equals(secretHash, hash) && read.getCount() > 0) {
              read.countDown();
              try {
                revoked.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return found;
          }
        },
        ApiKeyStore.class);

    CompletableFuture<Integer> overtaken =
        CompletableFuture.supplyAsync(
            () -> given().header("X-Api-Key", secret).when().get("/api/v1/risks").statusCode());
    assertTrue(read.await(10, TimeUnit.SECONDS), "the key was read while still active");
    given().header("Authorization", admin).when().delete(KEYS + "/" + id).then().statusCode(204);
    revoked.countDown();

    assertThat(overtaken.get(10, TimeUnit.SECONDS), is(401));
    given()
        .header("X-Api-Key", secret)
        .when()
        .get("/api/v1/risks")
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", containsString("invalid_token"));
  }

  @Test
  void readWriteKeyWritesAndActsAsItsOwnerWithoutRestriction() throws Exception {
    String secret = create("deployer", "READ_WRITE", null, "integrator-2").path("secret");
    JsonPath echo =
        given()
            .header("X-Api-Key", secret)
            .header("X-Echo-Status", "201")
            .contentType(ContentType.JSON)
            .body("{\"name\":\"x\"}")
            .when()
            .post("/api/v1/projects/" + UUID.randomUUID() + "/risks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String forwarded = echo.getList("headers.'authorization'", String.class).get(0);
    JsonWebToken jwt = parser.parse(forwarded.substring("Bearer ".length()));
    assertThat(jwt.getSubject(), is("integrator-2"));
    assertThat(jwt.getClaim("scope").toString(), containsString("READ_WRITE"));
    assertThat(jwt.getClaim("projects"), nullValue());
  }

  @Test
  void onlyAdminsManageKeys() {
    String member = TestTokens.bearer("bob", "MEMBER", "PMO");
    given()
        .header("Authorization", member)
        .contentType(ContentType.JSON)
        .body(request("x", "READ_ONLY", "bob").encode())
        .when()
        .post(KEYS)
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .body("detail", containsString("ADMIN"));
    given().header("Authorization", member).when().get(KEYS).then().statusCode(403);
    given()
        .header("Authorization", member)
        .when()
        .delete(KEYS + "/" + UUID.randomUUID())
        .then()
        .statusCode(403);
    given().when().get(KEYS).then().statusCode(401);

    // a key never manages keys, whoever owns it
    String secret = create("admin-owned", "READ_WRITE", null, "root").path("secret");
    given().header("X-Api-Key", secret).when().get(KEYS).then().statusCode(403);
  }

  /** An ADMIN whose token is limited to reading reads keys, and cannot create or revoke one. */
  @Test
  void aReadOnlyAdminTokenOnlyReadsKeys() {
    String readOnlyAdmin = TestTokens.bearerWith("\"scope\":\"READ_ONLY\"", "auditor", "ADMIN");
    String id = create("revoke-me-not", "READ_WRITE", null, "root").path("id");
    int before = given().header("Authorization", admin).get(KEYS).path("totalItems");

    given()
        .header("Authorization", readOnlyAdmin)
        .contentType(ContentType.JSON)
        .body(request("read-only-admin-made", "READ_WRITE", "auditor").encode())
        .when()
        .post(KEYS)
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", containsString("insufficient_scope"))
        .body("type", equalTo("https://tollgate.io/problems/forbidden"))
        .body("detail", equalTo("this credential is read-only: POST is not allowed"));
    given()
        .header("Authorization", readOnlyAdmin)
        .when()
        .delete(KEYS + "/" + id)
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", containsString("insufficient_scope"))
        .body("detail", equalTo("this credential is read-only: DELETE is not allowed"));

    // nothing was made, nothing revoked; reading is allowed
    given()
        .header("Authorization", readOnlyAdmin)
        .when()
        .get(KEYS)
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(before));
    given()
        .header("Authorization", readOnlyAdmin)
        .when()
        .get(KEYS + "/" + id)
        .then()
        .statusCode(200)
        .body("active", is(true));
  }

  /** An admin is recorded by their token's user, which must be a user id the services can store. */
  @Test
  void anAdminWhoseUserIdIsTooLongToRecordManagesNoKeys() {
    String longAdmin = TestTokens.bearer("a".repeat(201), "ADMIN");
    String id = create("kept", "READ_ONLY", null, "root").path("id");
    given()
        .header("Authorization", longAdmin)
        .contentType(ContentType.JSON)
        .body(request("too-long-creator", "READ_ONLY", "someone").encode())
        .when()
        .post(KEYS)
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://tollgate.io/problems/forbidden"))
        // the services' words for the same condition (security's RecordableCallers)
        .body(
            "detail",
            equalTo(
                "changes are recorded under the caller's user id, which may have at most 200"
                    + " characters; this token's has 201"))
        .body("violations", nullValue());
    given()
        .header("Authorization", longAdmin)
        .when()
        .delete(KEYS + "/" + id)
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://tollgate.io/problems/forbidden"))
        .body("detail", containsString("this token's has 201"));
    given().header("Authorization", admin).get(KEYS + "/" + id).then().body("active", is(true));
    given()
        .header("Authorization", admin)
        .queryParam("size", 200)
        .get(KEYS)
        .then()
        .statusCode(200)
        .body("items.name", not(hasItem("too-long-creator")));
    // 200 characters are recorded
    given()
        .header("Authorization", TestTokens.bearer("a".repeat(200), "ADMIN"))
        .contentType(ContentType.JSON)
        .body(request("long-creator", "READ_ONLY", "o".repeat(200)).encode())
        .when()
        .post(KEYS)
        .then()
        .statusCode(201)
        .body("createdBy", equalTo("a".repeat(200)))
        .body("ownerId", equalTo("o".repeat(200)));
  }

  /**
   * API keys are for servers: a request that says it comes from a browser (Origin, or the fetch
   * metadata Sec-Fetch-Mode / Sec-Fetch-Site that browsers send even on a same-origin GET) is
   * refused with either header, before the key is looked up, and nothing reaches the service.
   */
  @Test
  void aKeyIsRefusedFromABrowser() {
    String secret = create("browser-test", "READ_WRITE", null, "root").path("secret");
    String path = "/api/v1/projects/from-a-browser";
    for (var header :
        List.of(List.of("X-Api-Key", secret), List.of("Authorization", "ApiKey " + secret))) {
      given()
          .header(header.get(0), header.get(1))
          .header("Origin", "http://localhost:3000")
          .when()
          .get(path)
          .then()
          .statusCode(401)
          .contentType(PROBLEM_JSON)
          // a credential was sent, if not one to send from here
          .header("WWW-Authenticate", equalTo("Bearer realm=\"tollgate\", error=\"invalid_token\""))
          .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
          .body("detail", containsString("server-side integrations"))
          .body("detail", containsString("Authorization: Bearer"));
    }
    // a same-origin GET carries no Origin, but a browser's fetch metadata on every request
    for (var header :
        List.of(
            List.of("Sec-Fetch-Mode", "cors"),
            List.of("Sec-Fetch-Site", "same-origin"),
            List.of("Sec-Fetch-Mode", "navigate"))) {
      for (var key :
          List.of(List.of("X-Api-Key", secret), List.of("Authorization", "ApiKey " + secret))) {
        given()
            .header(key.get(0), key.get(1))
            .header(header.get(0), header.get(1))
            .when()
            .get(path)
            .then()
            .statusCode(401)
            .contentType(PROBLEM_JSON)
            .header(
                "WWW-Authenticate", equalTo("Bearer realm=\"tollgate\", error=\"invalid_token\""))
            .body("type", equalTo("https://tollgate.io/problems/unauthorized"))
            .body("detail", containsString("not accepted from a browser"));
      }
    }
    assertThat(UpstreamServers.seen(projectService(), path), is(0L));
    // the same key from a server goes through
    given().header("X-Api-Key", secret).when().get(path).then().statusCode(200);
    given().header("Authorization", "ApiKey " + secret).when().get(path).then().statusCode(200);
    // and a browser with a bearer token is welcome
    given()
        .header("Authorization", admin)
        .header("Origin", "http://localhost:3000")
        .when()
        .get(path)
        .then()
        .statusCode(200);
  }

  @Test
  void invalidRequestsAreProblems() {
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\" \",\"scope\":\"EVERYTHING\",\"projectIds\":[\"p1\"],\"color\":\"red\"}")
        .when()
        .post(KEYS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://tollgate.io/problems/validation"))
        .body(
            "violations.field",
            containsInAnyOrder("name", "scope", "projectIds[0]", "ownerId", "color"));
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"x\",\"scope\":\"READ_ONLY\",\"ownerId\":\"o\",\"projectIds\":[]}")
        .when()
        .post(KEYS)
        .then()
        .statusCode(400)
        .body("violations.field", contains("projectIds"));
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":")
        .when()
        .post(KEYS)
        .then()
        .statusCode(400)
        .body("type", equalTo("https://tollgate.io/problems/malformed-body"));
    given()
        .header("Authorization", admin)
        .contentType(ContentType.TEXT)
        .body("name=x")
        .when()
        .post(KEYS)
        .then()
        .statusCode(415)
        .contentType(PROBLEM_JSON);
    given()
        .header("Authorization", admin)
        .when()
        .put(KEYS)
        .then()
        .statusCode(405)
        .header("Allow", "GET, HEAD, POST");
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "?size=0")
        .then()
        .statusCode(400)
        .body("violations.field", contains("size"));
    // page × size past an int: refused by name, not wrapped round to another page or a 503
    for (String page : new String[] {"10737419", "21474837"}) {
      given()
          .header("Authorization", admin)
          .when()
          .get(KEYS + "?size=200&page=" + page)
          .then()
          .statusCode(400)
          .body("violations.field", contains("page"))
          .body("violations.message", contains("must be at most 10737418"));
    }
    given()
        .header("Authorization", admin)
        .when()
        .delete(KEYS + "/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
    given().header("Authorization", admin).when().get(KEYS + "/not-a-uuid").then().statusCode(404);
  }

  @Test
  void unknownOrMalformedKeysAre401() {
    for (String key : List.of("tgk_" + "x".repeat(43), "guess", "tgk_short")) {
      given()
          .header("X-Api-Key", key)
          .when()
          .get("/api/v1/risks")
          .then()
          .statusCode(401)
          .contentType(PROBLEM_JSON)
          .body("detail", containsString("API key"));
    }
  }

  @Test
  void listIsPagedNewestFirstWithLinks() {
    for (int i = 0; i < 3; i++) {
      create("paged-" + i, "READ_ONLY", null, "pager");
    }
    Response first =
        given()
            .header("Authorization", admin)
            .when()
            .get(KEYS + "?page=0&size=2")
            .then()
            .statusCode(200)
            .body("page", equalTo(0))
            .body("size", equalTo(2))
            .body("items.size()", equalTo(2))
            .body("totalItems", greaterThan(2))
            .extract()
            .response();
    assertThat(first.header("Link"), containsString("<" + KEYS + "?page=1&size=2>; rel=\"next\""));
    // an empty value is an absent one, as on the services
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "?page=&size=2")
        .then()
        .statusCode(200)
        .body("page", equalTo(0))
        .body("items.id", equalTo(first.jsonPath().getList("items.id")));
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "/?size=")
        .then()
        .statusCode(200)
        .body("size", equalTo(20));
    List<String> created = first.jsonPath().getList("items.createdAt", String.class);
    assertThat(created.get(0).compareTo(created.get(1)), is(greaterThanOrEqualToZero()));
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "?page=1&size=2")
        .then()
        .statusCode(200)
        .header("Link", containsString("rel=\"prev\""))
        .body("items", not(empty()));
    // past the end: back to the last page with keys, not to the page before, as empty
    Response pastTheEnd =
        given()
            .header("Authorization", admin)
            .when()
            .get(KEYS + "?page=99999&size=2")
            .then()
            .statusCode(200)
            .body("items", empty())
            .extract()
            .response();
    int last = pastTheEnd.jsonPath().getInt("totalPages") - 1;
    assertThat(
        pastTheEnd.header("Link"), is("<" + KEYS + "?page=" + last + "&size=2>; rel=\"prev\""));
  }

  /** A key's path may end with a slash, as the services' paths may. */
  @Test
  void aKeysPathMayEndWithASlash() {
    String id = create("trailing-slash", "READ_ONLY", null, "slasher").path("id");
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "/" + id + "/")
        .then()
        .statusCode(200)
        .body("id", equalTo(id));
    given()
        .header("Authorization", admin)
        .when()
        .delete(KEYS + "/" + id + "/")
        .then()
        .statusCode(204);
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "/" + id)
        .then()
        .body("active", equalTo(false));
  }

  /** The services' rule for query parameters holds for the gateway's own operations too. */
  @Test
  void unknownAndRepeatedQueryParametersAreRefusedByName() {
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "?sise=2")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations[0].field", equalTo("sise"))
        .body(
            "violations[0].message",
            equalTo("is not a parameter of this operation (it takes: page, size)"));
    given()
        .header("Authorization", admin)
        .urlEncodingEnabled(false)
        .when()
        .get(KEYS + "?page=0&page=1")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("page"))
        .body("violations[0].message", equalTo("is given 2 times; give it at most once"));
    String id = create("query-check", "READ_ONLY", null, "checker").path("id");
    given()
        .header("Authorization", admin)
        .when()
        .delete(KEYS + "/" + id + "?force=true")
        .then()
        .statusCode(400)
        .body("violations[0].message", containsString("(it takes: none)"));
    given()
        .header("Authorization", admin)
        .when()
        .get(KEYS + "/" + id)
        .then()
        .body("active", is(true));
  }

  /**
   * A create retried with its Idempotency-Key (its answer was lost, say) makes no second key: the
   * retry is a 409 that names the key the first attempt made and where it is, since the secret was
   * shown only in that first answer; the same Idempotency-Key with another body is a 422, and
   * another admin's equal Idempotency-Key is another key. Only one key is stored.
   */
  @Test
  void aRetriedCreateMakesNoSecondKeyAndSaysWhichKeyTheFirstMade() {
    String name = "retried-" + UUID.randomUUID();
    String body = request(name, "READ_ONLY", "svc-ci").encode();
    String idempotencyKey = UUID.randomUUID().toString();
    Response first = createOnce(admin, idempotencyKey, body);
    first.then().statusCode(201).body("secret", startsWith("tgk_"));
    String id = first.path("id");

    Response retry = createOnce(admin, idempotencyKey, body);
    retry
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .header("Location", KEYS + "/" + id)
        .body("type", is("https://tollgate.io/problems/conflict"))
        .body("detail", containsString("already created API key " + id))
        .body("secret", nullValue());

    // the same request in other words (members in another order, other spaces) is a retry too,
    // as on the services, which compare the request as read
    createOnce(
            admin,
            idempotencyKey,
            "{ \"ownerId\" : \"svc-ci\",\n  \"scope\":\"READ_ONLY\", \"name\": \"" + name + "\" }")
        .then()
        .statusCode(409)
        .header("Location", KEYS + "/" + id);
    createOnce(admin, idempotencyKey, request(name, "READ_WRITE", "svc-ci").encode())
        .then()
        .statusCode(422)
        .body("type", is("https://tollgate.io/problems/idempotency-key-reused"));
    createOnce(admin, " ", body)
        .then()
        .statusCode(400)
        .body("violations[0].field", is("Idempotency-Key"));

    // one key of that name, for all the retries
    List<String> names =
        given()
            .header("Authorization", admin)
            .queryParam("size", 200)
            .get(KEYS)
            .then()
            .statusCode(200)
            .extract()
            .path("items.name");
    assertThat(names.stream().filter(name::equals).count(), is(1L));

    // another admin's equal Idempotency-Key is theirs
    createOnce(TestTokens.bearer("other-root", "ADMIN"), idempotencyKey, body)
        .then()
        .statusCode(201);
  }

  private static Response createOnce(String bearer, String idempotencyKey, String body) {
    return given()
        .header("Authorization", bearer)
        .header("Idempotency-Key", idempotencyKey)
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post(KEYS);
  }

  private static org.hamcrest.Matcher<Integer> greaterThanOrEqualToZero() {
    return org.hamcrest.Matchers.greaterThanOrEqualTo(0);
  }

  /**
   * A client's Connection header names fields for its own hop: the gateway reads them (the key in
   * Authorization among them) and does not forward them, but the token it mints for the next hop is
   * its own field, which the client cannot strip by naming Authorization (RFC 9110 section 7.6.1).
   */
  @Test
  void aKeysMintedTokenIsForwardedWhateverTheClientsConnectionHeaderNames() throws Exception {
    String secret = create("connection-options", "READ_WRITE", null, "svc-conn").path("secret");
    JsonPath echo =
        given()
            .header("Authorization", "ApiKey " + secret)
            .header("Connection", "keep-alive, Authorization")
            .when()
            .post("/api/v1/risks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> forwarded = echo.getList("headers.'authorization'", String.class);
    assertThat(forwarded, org.hamcrest.Matchers.hasSize(1));
    assertThat(
        parser.parse(forwarded.get(0).substring("Bearer ".length())).getSubject(), is("svc-conn"));
  }

  private Response create(String name, String scope, List<String> projects, String owner) {
    JsonObject body = request(name, scope, owner);
    if (projects != null) {
      body.put("projectIds", new JsonArray(projects));
    }
    return given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body(body.encode())
        .when()
        .post(KEYS)
        .then()
        .statusCode(201)
        .extract()
        .response();
  }

  private static JsonObject request(String name, String scope, String owner) {
    return new JsonObject().put("name", name).put("scope", scope).put("ownerId", owner);
  }

  private URI projectService() {
    return config.upstream().get("project-service");
  }
}

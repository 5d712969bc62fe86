package io.tollgate.notification;

import static io.restassured.RestAssured.given;
import static io.tollgate.testing.TestTokens.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscriptions over HTTP: made, read, listed, changed, removed, and a webhook's secret. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
class SubscriptionApiTest {

  static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("notification");

  static final String URL = "/api/v1/subscriptions";
  static final String HOOK = "https://hooks.example.com/tollgate";

  /** This test's caller, new for each test so that its lists hold only its own subscriptions. */
  String alice;

  @BeforeEach
  void authenticate() {
    alice = "alice-" + UUID.randomUUID();
    TestTokens.authenticateRestAssured(alice, "MEMBER");
  }

  static String webhook(String project, String more) {
    return "{\"name\":\"On-call\",\"projectId\":\"%s\",\"channel\":\"WEBHOOK\",\"url\":\"%s\"%s}"
        .formatted(project, HOOK, more == null ? "" : "," + more);
  }

  static String inbox(String project, String more) {
    return "{\"name\":\"Mine\",\"projectId\":\"%s\",\"channel\":\"INBOX\"%s}"
        .formatted(project, more == null ? "" : "," + more);
  }

  static Response create(RequestSpecification request, String body) {
    return request.contentType(ContentType.JSON).body(body).post(URL);
  }

  static Response create(String body) {
    return create(given(), body);
  }

  /** Creates and answers the subscription's URL. */
  static String created(String body) {
    return create(body).then().statusCode(201).extract().header("Location");
  }

  static String id(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  static Response patch(RequestSpecification request, String url, String etag, String body) {
    request.contentType("application/merge-patch+json").body(body);
    if (etag != null) {
      request.header("If-Match", etag);
    }
    return request.patch(url);
  }

  static Response rotate(RequestSpecification request, String url, String etag) {
    if (etag != null) {
      request.header("If-Match", etag);
    }
    return request.post(url + "/secret");
  }

  static String storedSecret(String url) throws Exception {
    return directory.query(
        "select secret from subscription where id = ?", UUID.fromString(id(url)));
  }

  /** A 400 naming {@code field} with a message containing {@code message}. */
  static void refused(Response response, String field, String message) {
    response
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem(field))
        .body("violations.find { it.field == '" + field + "' }.message", containsString(message));
  }

  @Test
  void aWebhookIsCreatedWithItsSecretOnceAndReadBackWithout() throws Exception {
    String project = directory.project(alice);
    Response made =
        create(
            webhook(
                project,
                "\"eventTypes\":[\"tollgate.risk.*\",\"tollgate.milestone.updated.v1\","
                    + "\"tollgate.risk.*\"],\"minSeverity\":\"WARNING\""));
    made.then()
        .statusCode(201)
        .header("Location", containsString(URL + "/"))
        .header("ETag", "\"0\"")
        .body("name", equalTo("On-call"))
        .body("projectId", equalTo(project))
        .body("channel", equalTo("WEBHOOK"))
        .body("url", equalTo(HOOK))
        .body("email", nullValue())
        .body("eventTypes", contains("tollgate.risk.*", "tollgate.milestone.updated.v1"))
        .body("minSeverity", equalTo("WARNING"))
        .body("audience", equalTo("TECHNICAL"))
        .body("digest", equalTo("IMMEDIATE"))
        .body("active", equalTo(true))
        .body("ownerId", equalTo(alice))
        .body("version", equalTo(0))
        .body("secret", startsWith("whsec_"));
    String url = made.header("Location");
    assertEquals(URL + "/" + made.path("id"), url.substring(url.indexOf(URL)));
    String secret = made.path("secret");
    assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
    assertEquals(secret, storedSecret(url), "the secret answered is the one that signs");
    given()
        .get(url)
        .then()
        .statusCode(200)
        .header("ETag", "\"0\"")
        .body("$", not(hasKey("secret")))
        .body("eventTypes", contains("tollgate.risk.*", "tollgate.milestone.updated.v1"))
        .body("createdAt", equalTo(made.path("createdAt")));
    given().header("If-None-Match", "\"0\"").get(url).then().statusCode(304);
    given()
        .get(URL)
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].id", equalTo(made.path("id")))
        .body("items[0]", not(hasKey("secret")));
    assertTrue(!given().get(URL).asString().contains(secret), "no list shows the secret");
  }

  /**
   * Someone removed from a project no longer hears of it (ADR 0026): nor may they point their
   * subscription elsewhere, or replay what it received, to read the project's events after all.
   */
  @Test
  void aMemberRemovedFromTheProjectNoLongerSeesTheSubscription() throws Exception {
    String owner = "owner-" + UUID.randomUUID();
    String project = directory.project(owner);
    directory.member(project, alice, "VIEWER");
    String url = created(webhook(project, null));
    String deliveries = url + "/deliveries";
    given().get(url).then().statusCode(200);
    given().get(deliveries).then().statusCode(200);

    directory.member(project, alice, null);
    given().get(url).then().statusCode(404).contentType("application/problem+json");
    given()
        .header("If-Match", "\"0\"")
        .contentType("application/merge-patch+json")
        .body("{\"url\":\"http://127.0.0.1:9/elsewhere\"}")
        .patch(url)
        .then()
        .statusCode(404);
    given()
        .contentType(ContentType.JSON)
        .body("{\"since\":\"2026-01-01T00:00:00Z\"}")
        .post(url + "/replay")
        .then()
        .statusCode(404);
    given().get(deliveries).then().statusCode(404);
    given().get(URL).then().statusCode(200);
    assertEquals(
        HOOK,
        directory.query(
            "select url from subscription where id = ?::uuid",
            url.substring(url.lastIndexOf('/') + 1)),
        "nothing was changed");
  }

  @Test
  void leftOutFieldsTakeTheirDefaults() throws Exception {
    String project = directory.project(alice);
    String url = created(inbox(project, null));
    given()
        .get(url)
        .then()
        .body("eventTypes", empty())
        .body("minSeverity", equalTo("INFO"))
        .body("audience", equalTo("BUSINESS"))
        .body("digest", equalTo("IMMEDIATE"))
        .body("active", equalTo(true))
        .body("url", nullValue());
    assertNull(storedSecret(url), "an INBOX subscription has no secret");
    String mail =
        created(
            "{\"name\":\"Digest\",\"projectId\":\"%s\",\"channel\":\"EMAIL\",\"email\":\"pm@example.com\",\"digest\":\"DAILY\"}"
                .formatted(project));
    given()
        .get(mail)
        .then()
        .body("email", equalTo("pm@example.com"))
        .body("digest", equalTo("DAILY"))
        .body("audience", equalTo("BUSINESS"));
  }

  @Test
  void theCreatorsPlatformRoleAndApiKeyAreRecorded() throws Exception {
    String key = UUID.randomUUID().toString();
    String url =
        create(
                given()
                    .header(
                        "Authorization",
                        TestTokens.bearerWith(
                            "\"api_key_id\":\"" + key + "\"", alice + "-pmo", "PMO", "MEMBER")),
                "{\"name\":\"Everything\",\"channel\":\"INBOX\"}")
            .then()
            .statusCode(201)
            .body("projectId", nullValue())
            .extract()
            .header("Location");
    UUID id = UUID.fromString(id(url));
    assertEquals(
        "PMO", directory.query("select owner_platform_role from subscription where id = ?", id));
    assertEquals(key, directory.query("select api_key_id from subscription where id = ?", id));
    String mine = created(inbox(directory.project(alice), null));
    assertNull(
        directory.query(
            "select owner_platform_role from subscription where id = ?",
            UUID.fromString(id(mine))));
    String admin =
        create(as(alice + "-admin", "ADMIN", "PMO"), "{\"name\":\"All\",\"channel\":\"INBOX\"}")
            .then()
            .statusCode(201)
            .extract()
            .header("Location");
    assertEquals(
        "ADMIN",
        directory.query(
            "select owner_platform_role from subscription where id = ?",
            UUID.fromString(id(admin))));
  }

  // --- validation: one rule each ---

  @Test
  void aNameIsRequired() {
    String project = directory.project(alice);
    refused(create(inbox(project, null).replace("\"name\":\"Mine\",", "")), "name", "must not");
  }

  @Test
  void aNameIsAtMost200Characters() {
    String project = directory.project(alice);
    refused(
        create(inbox(project, null).replace("Mine", "x".repeat(201))), "name", "between 1 and 200");
  }

  @Test
  void aChannelIsRequired() {
    String project = directory.project(alice);
    refused(
        create("{\"name\":\"No channel\",\"projectId\":\"%s\"}".formatted(project)),
        "channel",
        "must not be null");
  }

  @Test
  void aWebhookNeedsAUrl() {
    String project = directory.project(alice);
    refused(
        create(webhook(project, null).replace(",\"url\":\"" + HOOK + "\"", "")),
        "url",
        "is required for a WEBHOOK");
  }

  @Test
  void aWebhookUrlIsAbsoluteHttpOrHttps() {
    String project = directory.project(alice);
    for (String url : List.of("/relative/path", "ftp://files.example.com/x", "https://", "hooks")) {
      refused(
          create(webhook(project, null).replace(HOOK, url)), "url", "absolute http or https URL");
    }
  }

  @Test
  void aWebhookUrlHoldsNoCredentials() {
    String project = directory.project(alice);
    refused(
        create(webhook(project, null).replace("https://", "https://user:pw@")),
        "url",
        "user information");
  }

  @Test
  void aWebhookUrlHasNoFragment() {
    String project = directory.project(alice);
    refused(create(webhook(project, null).replace(HOOK, HOOK + "#top")), "url", "fragment");
  }

  @Test
  void aWebhookUrlIsAtMost2000Characters() {
    String project = directory.project(alice);
    refused(
        create(webhook(project, null).replace(HOOK, HOOK + "/" + "a".repeat(2000))),
        "url",
        "at most 2000");
  }

  @Test
  void aUrlIsOnlyForAWebhook() {
    String project = directory.project(alice);
    refused(create(inbox(project, "\"url\":\"" + HOOK + "\"")), "url", "only for a WEBHOOK");
  }

  @Test
  void anEmailSubscriptionNeedsAnAddress() {
    String project = directory.project(alice);
    refused(
        create("{\"name\":\"Mail\",\"projectId\":\"%s\",\"channel\":\"EMAIL\"}".formatted(project)),
        "email",
        "is required for an EMAIL");
  }

  @Test
  void anEmailAddressIsPlausible() {
    String project = directory.project(alice);
    for (String email : List.of("nobody", "a@b", "a b@example.com", "a@@example.com")) {
      refused(
          create(
              "{\"name\":\"Mail\",\"projectId\":\"%s\",\"channel\":\"EMAIL\",\"email\":\"%s\"}"
                  .formatted(project, email)),
          "email",
          "must be an e-mail address");
    }
  }

  @Test
  void anEmailAddressIsAtMost320Characters() {
    String project = directory.project(alice);
    refused(
        create(
            "{\"name\":\"Mail\",\"projectId\":\"%s\",\"channel\":\"EMAIL\",\"email\":\"a@%s.com\"}"
                .formatted(project, "b".repeat(320))),
        "email",
        "at most 320");
  }

  @Test
  void anEmailIsOnlyForAnEmailSubscription() {
    String project = directory.project(alice);
    refused(create(webhook(project, "\"email\":\"pm@example.com\"")), "email", "only for an EMAIL");
  }

  @Test
  void anUnknownEventTypeIsNamed() {
    String project = directory.project(alice);
    refused(
        create(
            inbox(project, "\"eventTypes\":[\"tollgate.risk.*\",\"tollgate.risk.escalated.v1\"]")),
        "eventTypes[1]",
        "\"tollgate.risk.escalated.v1\" is not an event type the platform publishes");
  }

  @Test
  void anUnknownFamilyIsRefused() {
    String project = directory.project(alice);
    refused(
        create(inbox(project, "\"eventTypes\":[\"tollgate.budget.*\"]")),
        "eventTypes[0]",
        "not an event type");
    refused(create(inbox(project, "\"eventTypes\":[\"*\"]")), "eventTypes[0]", "not an event");
  }

  @Test
  void notificationServicesOwnEventsAreForKafkaConsumersNotSubscriptions() {
    String project = directory.project(alice);
    String why = "own events are for Kafka consumers (notification.events), not subscriptions";
    refused(
        create(
            inbox(
                project,
                "\"eventTypes\":[\"tollgate.risk.*\","
                    + "\"tollgate.notification.delivery-dead-lettered.v1\"]")),
        "eventTypes[1]",
        why);
    refused(
        create(webhook(project, "\"eventTypes\":[\"tollgate.notification.*\"]")),
        "eventTypes[0]",
        why);
    String url = created(inbox(project, null));
    refused(
        patch(given(), url, "\"0\"", "{\"eventTypes\":[\"tollgate.notification.*\"]}"),
        "eventTypes[0]",
        why);
    given().get(url).then().statusCode(200).body("eventTypes", empty()).header("ETag", "\"0\"");
  }

  @Test
  void atMost50EventTypes() {
    String project = directory.project(alice);
    String many = String.join(",", java.util.Collections.nCopies(51, "\"tollgate.risk.*\""));
    refused(create(inbox(project, "\"eventTypes\":[" + many + "]")), "eventTypes", "at most 50");
  }

  @Test
  void onlyAnEmailSubscriptionIsADigest() {
    String project = directory.project(alice);
    refused(create(webhook(project, "\"digest\":\"HOURLY\"")), "digest", "must be IMMEDIATE");
    refused(create(inbox(project, "\"digest\":\"DAILY\"")), "digest", "must be IMMEDIATE");
  }

  @Test
  void aMemberNamesAProject() {
    refused(
        create("{\"name\":\"Everything\",\"channel\":\"INBOX\"}"),
        "projectId",
        "only ADMIN and PMO may subscribe to every project");
    create(as(alice, "PMO"), "{\"name\":\"Everything\",\"channel\":\"INBOX\"}")
        .then()
        .statusCode(201);
  }

  @Test
  void anApiKeyLimitedToProjectsSubscribesToOneOfThem() {
    String project = directory.project(alice);
    String other = directory.project(alice);
    String limited = TestTokens.bearerWith("\"projects\":[\"" + project + "\"]", alice, "ADMIN");
    refused(
        create(
            given().header("Authorization", limited), "{\"name\":\"All\",\"channel\":\"INBOX\"}"),
        "projectId",
        "limited to some projects");
    create(given().header("Authorization", limited), inbox(other, null)).then().statusCode(404);
    create(given().header("Authorization", limited), inbox(project, null)).then().statusCode(201);
  }

  @Test
  void aReadOnlyApiKeyChangesNothing() {
    String project = directory.project(alice);
    String readOnly = TestTokens.bearerWith("\"scope\":\"READ_ONLY\"", alice, "MEMBER");
    create(given().header("Authorization", readOnly), inbox(project, null)).then().statusCode(403);
    String url = created(inbox(project, null));
    patch(given().header("Authorization", readOnly), url, "\"0\"", "{\"active\":false}")
        .then()
        .statusCode(403);
    given().header("Authorization", readOnly).get(url).then().statusCode(200);
  }

  // --- projects ---

  @Test
  void aProjectTheCallerCannotReadIsNotFound() {
    String bobs = directory.project("bob-" + UUID.randomUUID());
    create(inbox(bobs, null))
        .then()
        .statusCode(404)
        .body("detail", equalTo("project " + bobs + " does not exist"));
  }

  @Test
  void anUnknownProjectIsNotFoundEvenForAdmin() {
    create(as(alice, "ADMIN"), inbox(UUID.randomUUID().toString(), null)).then().statusCode(404);
  }

  @Test
  void anArchivedProjectTakesNoNewSubscription() {
    String project = directory.project(alice);
    directory.archive(project);
    create(inbox(project, null)).then().statusCode(409).body("detail", containsString("archived"));
  }

  // --- who sees what ---

  @Test
  void aSubscriptionIsItsOwnersAndAdminsOnly() {
    String project = directory.project(alice);
    String bob = "bob-" + UUID.randomUUID();
    directory.member(project, bob, "EDITOR");
    String url = created(webhook(project, null));
    as(bob, "MEMBER").get(url).then().statusCode(404);
    patch(as(bob, "MEMBER"), url, "\"0\"", "{\"active\":false}").then().statusCode(404);
    rotate(as(bob, "MEMBER"), url, "\"0\"").then().statusCode(404);
    as(bob, "MEMBER").header("If-Match", "\"0\"").delete(url).then().statusCode(404);
    as(bob, "PMO").get(url).then().statusCode(404);
    as(bob, "MEMBER").get(URL).then().statusCode(200).body("items.id", not(hasItem(id(url))));
    // the answer to a stranger is the answer to an id that does not exist
    String unknown = URL + "/" + UUID.randomUUID();
    String unknownTitle = as(bob, "MEMBER").get(unknown).path("title");
    String hiddenTitle = as(bob, "MEMBER").get(url).path("title");
    assertEquals(unknownTitle, hiddenTitle);
    String admin = "admin-" + UUID.randomUUID();
    as(admin, "ADMIN").get(url).then().statusCode(200).body("ownerId", equalTo(alice));
    as(admin, "ADMIN")
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .statusCode(200)
        .body("items.id", contains(id(url)));
    patch(as(admin, "ADMIN"), url, "\"0\"", "{\"active\":false}")
        .then()
        .statusCode(200)
        .body("ownerId", equalTo(alice));
  }

  @Test
  void theListIsOrderedFilteredAndPaged() {
    String project = directory.project(alice);
    String other = directory.project(alice);
    String first = id(created(webhook(project, null)));
    String second = id(created(inbox(project, "\"active\":false")));
    String third = id(created(inbox(other, null)));
    given().get(URL).then().body("items.id", contains(first, second, third));
    given()
        .queryParam("projectId", project)
        .get(URL)
        .then()
        .body("items.id", contains(first, second));
    given()
        .queryParam("channel", "INBOX")
        .get(URL)
        .then()
        .body("items.id", contains(second, third));
    given().queryParam("active", "false").get(URL).then().body("items.id", contains(second));
    given()
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get(URL)
        .then()
        .body("items.id", contains(third))
        .body("totalItems", equalTo(3))
        .body("totalPages", equalTo(2));
    given()
        .queryParam("channel", "SMS")
        .queryParam("active", "maybe")
        .queryParam("projectId", "x")
        .get(URL)
        .then()
        .statusCode(400)
        .body("violations.field", contains("active", "channel", "projectId"));
  }

  // --- changes ---

  @Test
  void aMergePatchChangesWhatItNames() {
    String project = directory.project(alice);
    String url = created(webhook(project, "\"audience\":\"BUSINESS\""));
    patch(
            given(),
            url,
            "\"0\"",
            "{\"name\":\"Renamed\",\"minSeverity\":\"CRITICAL\",\"eventTypes\":[\"tollgate.project.*\"],"
                + "\"audience\":null,\"url\":\"https://other.example.com/in\"}")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("$", not(hasKey("secret")))
        .body("name", equalTo("Renamed"))
        .body("minSeverity", equalTo("CRITICAL"))
        .body("eventTypes", contains("tollgate.project.*"))
        .body("audience", equalTo("TECHNICAL"))
        .body("url", equalTo("https://other.example.com/in"))
        .body("channel", equalTo("WEBHOOK"))
        .body("version", equalTo(1));
    given().get(url).then().body("name", equalTo("Renamed")).body("version", equalTo(1));
    // a patch that changes nothing leaves the version
    patch(given(), url, "\"1\"", "{\"name\":\"Renamed\"}")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");
  }

  @Test
  void theChannelCannotBeChanged() {
    String project = directory.project(alice);
    String url = created(webhook(project, null));
    refused(
        patch(given(), url, "\"0\"", "{\"channel\":\"INBOX\",\"url\":null}"),
        "channel",
        "cannot be changed");
  }

  @Test
  void aPatchIsCheckedAsACreateIs() {
    String project = directory.project(alice);
    String url = created(inbox(project, null));
    refused(
        patch(given(), url, "\"0\"", "{\"eventTypes\":[\"tollgate.nothing.v1\"]}"),
        "eventTypes[0]",
        "not an event type");
    refused(patch(given(), url, "\"0\"", "{\"projectId\":null}"), "projectId", "ADMIN and PMO");
    refused(patch(given(), url, "\"0\"", "{\"ownerId\":\"mallory\"}"), "ownerId", "not a writable");
    String bobs = directory.project("bob-" + UUID.randomUUID());
    patch(given(), url, "\"0\"", "{\"projectId\":\"" + bobs + "\"}").then().statusCode(404);
    given().get(url).then().body("version", equalTo(0)).body("projectId", equalTo(project));
  }

  @Test
  void changesNeedTheCurrentETag() {
    String project = directory.project(alice);
    String url = created(webhook(project, null));
    patch(given(), url, null, "{\"active\":false}").then().statusCode(428);
    patch(given(), url, "\"7\"", "{\"active\":false}").then().statusCode(412);
    rotate(given(), url, null).then().statusCode(428);
    rotate(given(), url, "\"7\"").then().statusCode(412);
    given().delete(url).then().statusCode(428);
    given().header("If-Match", "\"7\"").delete(url).then().statusCode(412);
    given()
        .get(url)
        .then()
        .statusCode(200)
        .body("version", equalTo(0))
        .body("active", equalTo(true));
  }

  @Test
  void aDeletedSubscriptionIsGone() throws Exception {
    String project = directory.project(alice);
    String url = created(webhook(project, null));
    given().header("If-Match", "\"0\"").delete(url).then().statusCode(204);
    given().get(url).then().statusCode(404);
    assertEquals(
        "0",
        directory.query(
            "select count(*) from subscription where id = ?", UUID.fromString(id(url))));
  }

  // --- secrets and retries ---

  @Test
  void aRotationAnswersANewSecretOnceAndTheOldOneIsGone() throws Exception {
    String project = directory.project(alice);
    Response made = create(webhook(project, null));
    String url = made.header("Location");
    String old = made.path("secret");
    Response rotated = rotate(given(), url, "\"0\"");
    rotated.then().statusCode(200).header("ETag", "\"1\"").body("secret", startsWith("whsec_"));
    String fresh = rotated.path("secret");
    assertNotEquals(old, fresh);
    assertEquals(fresh, storedSecret(url));
    assertEquals(
        "0",
        directory.query("select count(*) from subscription where secret = ?", old),
        "the old secret is kept nowhere");
    given().get(url).then().statusCode(200).body("$", not(hasKey("secret")));
  }

  @Test
  void onlyAWebhookHasASecretToRotate() {
    String project = directory.project(alice);
    String url = created(inbox(project, null));
    rotate(given(), url, "\"0\"")
        .then()
        .statusCode(409)
        .body("detail", containsString("only a WEBHOOK has a secret"));
  }

  @Test
  void aRetriedCreateMakesOneSubscriptionAndDoesNotShowItsSecretAgain() throws Exception {
    String project = directory.project(alice);
    String key = UUID.randomUUID().toString();
    String body = webhook(project, null);
    Response first = create(given().header("Idempotency-Key", key), body);
    first.then().statusCode(201).body("secret", startsWith("whsec_"));
    Response retry = create(given().header("Idempotency-Key", key), body);
    retry
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .header("Location", equalTo(first.header("Location")))
        .header("ETag", "\"0\"")
        .body("id", equalTo(first.path("id")))
        .body("$", not(hasKey("secret")));
    assertTrue(!retry.asString().contains((String) first.path("secret")));
    assertEquals(
        "1",
        directory.query("select count(*) from subscription where owner_id = ?", alice),
        "one subscription");
    String secret = first.path("secret");
    assertEquals(
        "0",
        directory.query(
            "select count(*) from idempotency_record where body like ?", "%" + secret + "%"),
        "the secret is not kept for a replay");
    create(given().header("Idempotency-Key", key), body.replace("On-call", "Other"))
        .then()
        .statusCode(422);
  }

  @Test
  void theEventTypesAreListedBesideTheSubscriptions() {
    given()
        .get(URL + "/event-types")
        .then()
        .statusCode(200)
        .body("type", hasItem("tollgate.risk.assessed.v1"))
        // what the fan-out reads only: notification-service's own events are not subscribable
        .body(
            "producer",
            everyItem(in(List.of("project-service", "milestone-service", "risk-service"))))
        .body("type", not(hasItem("tollgate.notification.delivery-dead-lettered.v1")))
        .body(
            "find { it.type == 'tollgate.milestone.updated.v1' }.producer",
            equalTo("milestone-service"));
  }
}

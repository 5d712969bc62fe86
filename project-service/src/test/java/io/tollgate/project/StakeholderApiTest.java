package io.tollgate.project;

import static io.restassured.RestAssured.given;
import static io.tollgate.project.Api.PROBLEM;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.JsonSchemas;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stakeholders and access: the creator is OWNER, a project keeps one, membership events. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class StakeholderApiTest {

  static final String MEMBER_SCHEMA =
      "META-INF/resources/asyncapi/schemas/project-member-event.v1.json";
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  static String url(String projectId) {
    return "/api/v1/projects/" + projectId + "/stakeholders";
  }

  static Response add(String projectId, String userId, String accessRole) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"userId":"%s","name":"%s Example","email":"%s@example.com","role":"BUSINESS",
             "influence":4,"interest":2,"accessRole":"%s"}"""
                .formatted(userId, userId, userId, accessRole))
        .post(url(projectId));
  }

  static String ownerId(String projectId) {
    return given()
        .queryParam("accessRole", "OWNER")
        .get(url(projectId))
        .then()
        .extract()
        .path("items[0].id");
  }

  static int count(String projectId) {
    return given().get(url(projectId)).then().extract().path("totalItems");
  }

  @Test
  void theCreatorIsTheOwnerAndStakeholdersAreAddedWithTheirGridQuadrant() {
    String id = Api.project(null);
    given()
        .get(url(id))
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].userId", equalTo("alice"))
        .body("items[0].accessRole", equalTo("OWNER"))
        .body("items[0].role", equalTo("PROJECT_MANAGER"))
        .body("items[0].quadrant", equalTo("MANAGE_CLOSELY"));
    Response bob = add(id, "bob", "VIEWER");
    bob.then()
        .statusCode(201)
        .header("Location", containsString(url(id) + "/"))
        .header("ETag", "\"0\"")
        .body("userId", equalTo("bob"))
        .body("name", equalTo("bob Example"))
        .body("email", equalTo("bob@example.com"))
        .body("influence", equalTo(4))
        .body("interest", equalTo(2))
        .body("quadrant", equalTo("KEEP_SATISFIED"))
        .body("accessRole", equalTo("VIEWER"));
    given().get(bob.header("Location")).then().statusCode(200).header("ETag", "\"0\"");
    add(id, "dora", "EDITOR").then().statusCode(201);
    given()
        .queryParam("accessRole", "EDITOR")
        .get(url(id))
        .then()
        .body("totalItems", equalTo(1))
        .body("items[0].userId", equalTo("dora"));
    given()
        .queryParam("role", "BUSINESS")
        .get(url(id))
        .then()
        .body("items.userId", contains("bob", "dora"));
    // a UI learns the signed-in user's own access on the project
    given()
        .queryParam("userId", "dora")
        .get(url(id))
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(1))
        .body("items[0].accessRole", equalTo("EDITOR"));
    given().queryParam("userId", "nobody").get(url(id)).then().body("totalItems", equalTo(0));
    given()
        .queryParam("accessRole", "SUPERUSER")
        .get(url(id))
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("accessRole"));
  }

  @Test
  void invalidStakeholdersAreRefusedFieldByFieldAndNothingIsStored() {
    String id = Api.project(null);
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"userId":"","name":"x","email":"not-an-email","role":"CEO","influence":0,
             "interest":6,"accessRole":"OWNER"}""")
        .post(url(id))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        // the role that cannot be read, with every other violation
        .body(
            "violations.field",
            equalTo(List.of("email", "influence", "interest", "role", "userId")));
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"userId":"","name":"x","email":"not-an-email","role":"QA","influence":0,
             "interest":6}""")
        .post(url(id))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body(
            "violations.field", hasItems("userId", "email", "influence", "interest", "accessRole"));
    // an empty address is no address (it would reach the member events as one): left out, or 400
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"userId":"zed","name":"Zed","email":"","role":"QA","influence":3,"interest":3,
             "accessRole":"VIEWER"}""")
        .post(url(id))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", equalTo(List.of("email")));
    // a fraction is not cut to a whole number, nor is a number too large for one malformed JSON
    for (String influence : new String[] {"3.7", "99999999999"}) {
      given()
          .contentType(ContentType.JSON)
          .body(
              """
              {"userId":"zed","name":"Zed","role":"QA","influence":%s,"interest":3,
               "accessRole":"VIEWER"}"""
                  .formatted(influence))
          .post(url(id))
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("type", equalTo("https://tollgate.io/problems/validation"))
          .body("violations.field", equalTo(List.of("influence")));
    }
    add(id, "alice", "VIEWER")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("already a stakeholder"));
    add(UUID.randomUUID().toString(), "bob", "VIEWER").then().statusCode(404).contentType(PROBLEM);
    assertEquals(1, count(id));
  }

  @Test
  void theLastOwnerCanNeitherBeDemotedNorRemoved() {
    String id = Api.project(null);
    String owner = ownerId(id);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"accessRole\":\"EDITOR\"}")
        .patch(url(id) + "/" + owner)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("alice is the last OWNER"));
    given()
        .header("If-Match", "\"0\"")
        .delete(url(id) + "/" + owner)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString("cannot be removed"));
    given()
        .get(url(id) + "/" + owner)
        .then()
        .body("accessRole", equalTo("OWNER"))
        .body("version", equalTo(0));

    String bob = add(id, "bob", "OWNER").path("id");
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"accessRole\":\"VIEWER\",\"interest\":5}")
        .patch(url(id) + "/" + owner)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("accessRole", equalTo("VIEWER"))
        .body("quadrant", equalTo("MANAGE_CLOSELY"));
    // alice is a VIEWER now: managing members is no longer hers to do
    given().header("If-Match", "\"1\"").delete(url(id) + "/" + owner).then().statusCode(403);
    TestTokens.authenticateRestAssured("bob", "MEMBER");
    given().header("If-Match", "\"0\"").delete(url(id) + "/" + bob).then().statusCode(409);
    given().header("If-Match", "\"1\"").delete(url(id) + "/" + owner).then().statusCode(204);
    given().get(url(id) + "/" + owner).then().statusCode(404).contentType(PROBLEM);
    assertEquals(1, count(id));
  }

  @Test
  void patchesNeedIfMatchAndRefuseBadValuesWithoutChangingAnything() {
    String id = Api.project(null);
    String bob = add(id, "bob", "VIEWER").path("id");
    String one = url(id) + "/" + bob;
    given()
        .contentType("application/merge-patch+json")
        .body("{\"interest\":5}")
        .patch(one)
        .then()
        .statusCode(428);
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"interest\":9,\"email\":\"nope\"}")
        .patch(one)
        .then()
        .statusCode(400)
        .body("violations.field", hasItems("interest", "email"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"email\":\"\"}")
        .patch(one)
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("email")));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"influence\":\"high\"}")
        .patch(one)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("influence"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"userId\":\"mallory\"}")
        .patch(one)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("userId"));
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"email\":null}")
        .patch(one)
        .then()
        .statusCode(200)
        .body("email", nullValue());
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"interest\":1}")
        .patch(one)
        .then()
        .statusCode(412);
    given()
        .get(one)
        .then()
        .body("interest", equalTo(2))
        .body("userId", equalTo("bob"))
        .body("version", equalTo(1));
  }

  static JsonNode data(ConsumerRecord<String, String> r) {
    try {
      return JSON.readTree(r.value()).path("data");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static boolean is(ConsumerRecord<String, String> r, String type, String projectId, String user) {
    return r.value().contains("\"type\":\"" + type)
        && projectId.equals(r.key())
        && user.equals(data(r).path("userId").asText());
  }

  /**
   * A retried request (same Idempotency-Key) from a caller who has since lost the right to make it
   * is refused, not answered with the stored 201: an OWNER demoted to EDITOR, and an ADMIN's gate
   * override retried with a token that is no longer ADMIN's.
   */
  @Test
  void aRetryAfterLosingTheRightIsRefusedNotReplayed() {
    String id = Api.project(null);
    add(id, "olga", "OWNER").then().statusCode(201);
    String key = "add-" + UUID.randomUUID();
    String body =
        "{\"userId\":\"zed\",\"name\":\"Zed\",\"role\":\"QA\",\"influence\":1,"
            + "\"interest\":1,\"accessRole\":\"VIEWER\"}";
    Api.as("olga", "MEMBER")
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post(url(id))
        .then()
        .statusCode(201);
    String olga =
        given().queryParam("userId", "olga").get(url(id)).then().extract().path("items[0].id");
    given()
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"accessRole\":\"EDITOR\"}")
        .patch(url(id) + "/" + olga)
        .then()
        .statusCode(200);
    Api.as("olga", "MEMBER")
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post(url(id))
        .then()
        .statusCode(403)
        .header("Idempotent-Replayed", nullValue());

    String override = "override-" + UUID.randomUUID();
    String move = "{\"to\":\"PLANNING\",\"reason\":\"r\",\"overrideJustification\":\"accepted\"}";
    String transitions = "/api/v1/projects/" + id + "/phase-transitions";
    Api.as("root", "ADMIN")
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", override)
        .body(move)
        .post(transitions)
        .then()
        .statusCode(201);
    add(id, "root", "OWNER").then().statusCode(201);
    Api.as("root", "MEMBER")
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", override)
        .body(move)
        .post(transitions)
        .then()
        .statusCode(403)
        .header("Idempotent-Replayed", nullValue());
  }

  /**
   * Archiving freezes a project's record, not who may read it: its OWNERs (and ADMINs) can still
   * take a member's access away, lower it, and remove an e-mail address, each with its event, while
   * the rest of the stakeholder analysis stays as archived. A removed member then loses the
   * project.
   */
  @Test
  void anArchivedProjectStillLetsItsOwnersTakeAccessAway() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(null);
      String carol = add(id, "carol", "EDITOR").path("id");
      String dan = add(id, "dan", "VIEWER").path("id");
      given().header("If-Match", "\"0\"").delete("/api/v1/projects/" + id).then().statusCode(204);
      Api.as("dan", "MEMBER").get("/api/v1/projects/" + id).then().statusCode(200);

      // the analysis is part of the archived record
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"0\"")
          .body("{\"interest\":5}")
          .patch(url(id) + "/" + carol)
          .then()
          .statusCode(409)
          .contentType(PROBLEM)
          .body("detail", containsString("archived"));
      // access and personal data are not
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"0\"")
          .body("{\"accessRole\":\"VIEWER\",\"email\":null}")
          .patch(url(id) + "/" + carol)
          .then()
          .statusCode(200)
          .body("accessRole", equalTo("VIEWER"))
          .body("email", nullValue());
      given().header("If-Match", "\"0\"").delete(url(id) + "/" + dan).then().statusCode(204);
      Api.as("dan", "MEMBER").get("/api/v1/projects/" + id).then().statusCode(404);
      // still no new members on an archived project
      add(id, "erin", "VIEWER").then().statusCode(409);

      events.awaitRecord(
          r -> is(r, "tollgate.project.member-changed.v1", id, "carol"), Duration.ofSeconds(20));
      ConsumerRecord<String, String> removed =
          events.awaitRecord(
              r -> is(r, "tollgate.project.member-removed.v1", id, "dan"), Duration.ofSeconds(20));
      JsonSchemas.assertConforms(MEMBER_SCHEMA, removed.value());
      assertTrue(data(removed).path("archived").asBoolean(), removed.value());
    }
  }

  @Test
  void everyMembershipChangeIsAnOrderedEvent() {
    try (EventCollector events = EventCollector.fromEnd("project.events")) {
      String id = Api.project(null);
      ConsumerRecord<String, String> creator =
          events.awaitRecord(
              r -> is(r, "tollgate.project.member-added.v1", id, "alice"), Duration.ofSeconds(20));
      JsonSchemas.assertConforms(MEMBER_SCHEMA, creator.value());
      assertEquals("OWNER", data(creator).path("accessRole").asText());
      assertEquals("PROJECT_MANAGER", data(creator).path("stakeholderRole").asText());

      String bob = add(id, "bob", "VIEWER").path("id");
      given()
          .contentType("application/merge-patch+json")
          .header("If-Match", "\"0\"")
          .body("{\"accessRole\":\"EDITOR\",\"interest\":5}")
          .patch(url(id) + "/" + bob)
          .then()
          .statusCode(200);
      given().header("If-Match", "\"1\"").delete(url(id) + "/" + bob).then().statusCode(204);

      List<ConsumerRecord<String, String>> bobs =
          events.awaitCount(
              r -> is(r, "tollgate.project.member-", id, "bob"), 3, Duration.ofSeconds(20));
      for (ConsumerRecord<String, String> r : bobs) {
        JsonSchemas.assertConforms(MEMBER_SCHEMA, r.value());
      }
      assertTrue(bobs.get(0).value().contains("member-added.v1"));
      assertEquals("VIEWER", data(bobs.get(0)).path("accessRole").asText());
      assertEquals("bob Example", data(bobs.get(0)).path("memberName").asText());
      assertEquals("bob@example.com", data(bobs.get(0)).path("email").asText());
      assertTrue(bobs.get(1).value().contains("member-changed.v1"));
      assertEquals("EDITOR", data(bobs.get(1)).path("accessRole").asText());
      assertEquals("VIEWER", data(bobs.get(1)).path("previousAccessRole").asText());
      // what changed, and the stakeholder analysis it changed, so a reader tells changes apart
      assertEquals(
          "[\"interest\",\"accessRole\"]",
          data(bobs.get(1)).path("memberChangedFields").toString());
      assertEquals(5, data(bobs.get(1)).path("interest").asInt());
      assertEquals(4, data(bobs.get(1)).path("influence").asInt());
      assertEquals("alice", data(bobs.get(1)).path("changedBy").asText());
      assertTrue(bobs.get(2).value().contains("member-removed.v1"));
      assertEquals("EDITOR", data(bobs.get(2)).path("accessRole").asText());
      long s0 = data(creator).path("sequence").asLong();
      long s1 = data(bobs.get(0)).path("sequence").asLong();
      long s2 = data(bobs.get(1)).path("sequence").asLong();
      long s3 = data(bobs.get(2)).path("sequence").asLong();
      assertTrue(s0 < s1 && s1 < s2 && s2 < s3, "sequences grow: " + List.of(s0, s1, s2, s3));
      // the project snapshot rides along, so project-directory keeps its projects from these too
      assertEquals(id, data(bobs.get(2)).path("projectId").asText());
      assertEquals("INITIATION", data(bobs.get(2)).path("phase").asText());
    }
  }

  /**
   * A change that waits for the project while its author is being demoted is judged on the role the
   * author has once it runs: the request filter saw EDITOR, the change finds VIEWER, and nothing is
   * stored.
   */
  @Test
  void aChangeWaitingWhileItsAuthorIsDemotedIsRefused() throws Exception {
    String id = Api.project(null);
    add(id, "dave", "EDITOR").then().statusCode(201);
    var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
    String user = config.getValue("quarkus.datasource.username", String.class);
    String password = config.getValue("quarkus.datasource.password", String.class);
    UUID project = UUID.fromString(id);
    try (java.sql.Connection demotion = java.sql.DriverManager.getConnection(url, user, password);
        java.sql.Connection watcher = java.sql.DriverManager.getConnection(url, user, password)) {
      demotion.setAutoCommit(false);
      try (var lock = demotion.prepareStatement("select id from project where id = ? for update")) {
        lock.setObject(1, project);
        lock.executeQuery().close();
      }
      try (var demote =
          demotion.prepareStatement(
              "update stakeholder set access_role = 'VIEWER' where project_id = ? and user_id = ?")) {
        demote.setObject(1, project);
        demote.setString(2, "dave");
        assertEquals(1, demote.executeUpdate());
      }
      java.util.concurrent.CompletableFuture<Response> write =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  Api.as("dave", "MEMBER")
                      .contentType(ContentType.JSON)
                      .body(
                          "{\"date\":\"2026-01-31\",\"amount\":100,\"currency\":\"EUR\","
                              + "\"category\":\"LABOR\"}")
                      .post("/api/v1/projects/" + id + "/costs"));
      // dave's request passed the filter as EDITOR and now waits for the project's lock
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                try (var waiting =
                    watcher.prepareStatement(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query like '%project%for%update%' and pid <> ?")) {
                  waiting.setInt(1, pidOf(demotion));
                  var rows = waiting.executeQuery();
                  rows.next();
                  return rows.getInt(1) > 0;
                }
              });
      demotion.commit();
      write
          .get(20, java.util.concurrent.TimeUnit.SECONDS)
          .then()
          .statusCode(403)
          .contentType(PROBLEM)
          .body("detail", containsString("VIEWER"));
    }
    given()
        .get("/api/v1/projects/" + id + "/costs")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(0));
  }

  private static int pidOf(java.sql.Connection connection) throws java.sql.SQLException {
    try (var pid = connection.prepareStatement("select pg_backend_pid()")) {
      var rows = pid.executeQuery();
      rows.next();
      return rows.getInt(1);
    }
  }
}

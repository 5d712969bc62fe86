package io.tollgate.milestone;

import static io.restassured.RestAssured.given;
import static io.tollgate.milestone.MilestoneApiTest.TODAY;
import static io.tollgate.milestone.MilestoneApiTest.patch;
import static io.tollgate.milestone.MilestoneApiTest.planned;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tollgate.testing.ProjectDirectoryEvents;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who changed a milestone, when, how and why: its history, newest first. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "milestone"))
class MilestoneHistoryTest {

  private static final ProjectDirectoryEvents directory = new ProjectDirectoryEvents("milestone");

  @BeforeEach
  void authenticate() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
  }

  @Test
  void everyChangeIsInTheHistoryWithWhoWhenAndWhy() throws Exception {
    String project = directory.project("alice");
    directory.member(project, "bob", "EDITOR");
    LocalDate planned = TODAY.plusDays(40);
    String url = planned(project, "Integration tests", planned, "\"bufferDays\":6");
    String id = url.substring(url.lastIndexOf('/') + 1);
    UUID apiKey = UUID.randomUUID();
    given()
        .header(
            "Authorization",
            TestTokens.bearerWith("\"api_key_id\":\"" + apiKey + "\"", "bob", "MEMBER"))
        .contentType("application/merge-patch+json")
        .header("If-Match", "\"0\"")
        .body("{\"forecastDate\":\"%s\"}".formatted(planned.plusDays(3)))
        .patch(url)
        .then()
        .statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"1\"")
        .body("{\"actualDate\":\"%s\"}".formatted(TODAY))
        .post(url + "/completion")
        .then()
        .statusCode(200);
    given().header("If-Match", "\"2\"").delete(url + "/completion").then().statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"3\"")
        .body(
            "{\"plannedDate\":\"%s\",\"reason\":\"Vendor slipped (CR-9)\"}"
                .formatted(planned.plusDays(3)))
        .post(url + "/baselines")
        .then()
        .statusCode(200);

    given()
        .get(url + "/history")
        .then()
        .statusCode(200)
        .body("totalItems", equalTo(5))
        .body(
            "items.action", contains("REBASELINED", "REOPENED", "COMPLETED", "UPDATED", "CREATED"))
        .body("items.actor", contains("alice", "alice", "alice", "bob", "alice"))
        .body("items[0].reason", equalTo("Vendor slipped (CR-9)"))
        .body("items[0].before.plannedDate", equalTo(planned.toString()))
        .body("items[0].after.plannedDate", equalTo(planned.plusDays(3).toString()))
        .body("items[0].after.version", equalTo(4))
        .body("items[1].before.status", equalTo("COMPLETED"))
        .body("items[1].after.status", equalTo("IN_PROGRESS"))
        .body("items[2].after.actualDate", equalTo(TODAY.toString()))
        .body("items[3].apiKeyId", equalTo(apiKey.toString()))
        .body("items[3].before.ownForecastDate", equalTo(planned.toString()))
        .body("items[3].after.ownForecastDate", equalTo(planned.plusDays(3).toString()))
        .body("items[3].after.zone", equalTo("AT_RISK"))
        .body("items[4].apiKeyId", nullValue())
        .body("items[4].reason", nullValue())
        .body("items[4].before", nullValue())
        .body("items[4].after.name", equalTo("Integration tests"));

    // pages read under one pin: a change made meanwhile neither repeats nor shifts an entry
    Response first = given().queryParam("size", 2).get(url + "/history");
    first.then().body("items.action", contains("REBASELINED", "REOPENED"));
    String next = first.header("Link");
    patch(url, "\"4\"", "{\"name\":\"System integration tests\"}").then().statusCode(200);
    String nextUrl = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
    given()
        .urlEncodingEnabled(false)
        .get(nextUrl.substring(nextUrl.indexOf("/api/")))
        .then()
        .statusCode(200)
        .body("items.action", contains("COMPLETED", "UPDATED"))
        .body("totalItems", equalTo(5));
    given()
        .queryParam("size", 1)
        .get(url + "/history")
        .then()
        .body("items.action", contains("UPDATED"));
    given().queryParam("before", "0").get(url + "/history").then().statusCode(400);

    // the history outlives the milestone
    given().header("If-Match", "\"5\"").delete(url).then().statusCode(204);
    assertEquals(
        "7",
        directory.query(
            "select count(*) from milestone_history where milestone_id = ?", UUID.fromString(id)));
    assertEquals(
        "DELETED",
        directory.query(
            "select action from milestone_history where milestone_id = ? and after is null",
            UUID.fromString(id)));
    assertEquals(
        "System integration tests",
        directory.query(
            "select before->>'name' from milestone_history where milestone_id = ? and action = 'DELETED'",
            UUID.fromString(id)));
    given()
        .get(url + "/history")
        .then()
        .statusCode(404)
        .body("detail", containsString("milestone"));
  }
}

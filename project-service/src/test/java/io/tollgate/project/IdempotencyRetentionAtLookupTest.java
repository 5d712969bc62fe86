package io.tollgate.project;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tollgate.testing.TestTokens;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key is remembered for {@code tollgate.idempotency.retention} (24 hours) and no
 * longer, as the README says, even when the purge that deletes old keys (every ten minutes, here
 * not run in the test's time) has not come round yet.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "project"))
class IdempotencyRetentionAtLookupTest {

  @Inject EntityManager em;

  @Test
  void aKeyPastItsRetentionIsANewKeyBeforeThePurgeRuns() {
    TestTokens.authenticateRestAssured("alice", "MEMBER");
    String key = UUID.randomUUID().toString();
    String first = ProjectApiTest.uniqueKey("IR");
    String firstId = create(key, first).then().statusCode(201).extract().path("id");
    // within its retention the key replays, and refuses another body
    create(key, first).then().statusCode(201).header("Idempotent-Replayed", "true");
    create(key, ProjectApiTest.uniqueKey("IR")).then().statusCode(422);

    QuarkusTransaction.requiringNew()
        .run(
            () ->
                assertEquals(
                    1,
                    em.createNativeQuery(
                            "update idempotency_record set created_at = now() - interval '25 hours'"
                                + " where idem_key = :key")
                        .setParameter("key", key)
                        .executeUpdate()));

    String second = ProjectApiTest.uniqueKey("IR");
    create(key, second)
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", (String) null)
        .body("key", equalTo(second))
        .body("id", not(equalTo(firstId)));
    // and the key is remembered afresh, for the new create
    create(key, second)
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("key", equalTo(second));
  }

  private static Response create(String idempotencyKey, String projectKey) {
    return EventRetentionTest.create(idempotencyKey, projectKey);
  }
}

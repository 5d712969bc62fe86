package io.tollgate.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.notification.messaging.NotificationEvents;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryAttempt;
import io.tollgate.notification.model.DeliveryStatus;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import io.tollgate.testing.EventCollector;
import io.tollgate.testing.ProducedEvents;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An e-mail digest gathers what is due for one subscription into one e-mail to a real SMTP server,
 * logs an attempt per delivery, and retries the whole digest when the server refuses it.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(SmtpReceiver.class)
class EmailDigestTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject EntityManager em;

  private MailSeeds seeds;

  @BeforeEach
  void seeds() {
    seeds = new MailSeeds(em);
  }

  @Test
  void aDailyDigestGathersEveryDueDeliveryIntoOneEmailAtMidnight() {
    String to = MailSeeds.address("pmo");
    Subscription subscription =
        seeds.subscription("Apollo daily", to, Audience.BUSINESS, Digest.DAILY);
    OffsetDateTime midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime yesterday = midnight.minusDays(1);
    // seeded out of order: the e-mail lists them by when they happened
    NotificationEvent second =
        seeds.riskAssessed("Vendor API deprecated", "HIGH", 12, yesterday.plusHours(11));
    NotificationEvent first =
        seeds.riskAssessed("Pen test findings open", "CRITICAL", 20, yesterday.plusHours(9));
    NotificationEvent third =
        seeds.riskAssessed("Data centre move slips", "HIGH", 15, yesterday.plusHours(17));
    // tomorrow's delivery, made after midnight, waits for the next digest
    NotificationEvent later = seeds.riskAssessed("Not yet", "HIGH", 12, midnight.plusMinutes(5));
    Delivery notYet = seeds.delivery(subscription, later, midnight.plusDays(1));
    List<Delivery> due = seeds.deliveries(subscription, midnight, second, first, third);

    SmtpReceiver.Message message = SmtpReceiver.awaitMessagesTo(to, 1, WAIT).get(0);
    ReceivedMail mail = ReceivedMail.of(message.data());
    assertEquals(List.of(to), message.recipients());
    assertEquals("[Tollgate] Daily digest: 3 notifications (Apollo daily)", mail.subject());
    String text = mail.text();
    // each line the inbox's title (Messages) of its event
    String day = yesterday.toLocalDate().toString();
    int a =
        text.indexOf(
            "- " + day + " 09:00 UTC  Risk 'Pen test findings open' on Apollo is now CRITICAL\n");
    int b =
        text.indexOf(
            "- " + day + " 11:00 UTC  Risk 'Vendor API deprecated' on Apollo is now HIGH\n");
    int c =
        text.indexOf(
            "- " + day + " 17:00 UTC  Risk 'Data centre move slips' on Apollo is now HIGH\n");
    assertTrue(a > 0 && a < b && b < c, text);
    assertTrue(text.contains(yesterday.plusHours(9).toLocalDate() + " 09:00 UTC"), text);
    assertTrue(!text.contains("Not yet"), text);
    assertTrue(
        text.contains("manage or delete subscription Apollo daily (" + subscription.id + ")"),
        text);
    assertTrue(mail.html().contains("<li>"), mail.html());

    await()
        .atMost(WAIT)
        .until(
            () -> due.stream().allMatch(d -> seeds.reload(d).status == DeliveryStatus.DELIVERED));
    for (Delivery d : due) {
      Delivery delivered = seeds.reload(d);
      assertNotNull(delivered.deliveredAt);
      assertNull(delivered.nextAttemptAt);
      List<DeliveryAttempt> attempts = seeds.attempts(d);
      assertEquals(attempts.size(), delivered.attempts);
      DeliveryAttempt last = attempts.get(attempts.size() - 1);
      assertEquals(250, last.statusCode);
      assertNull(last.error);
      // the whole digest is one attempt of each delivery; an earlier one only if it got no answer
      attempts
          .subList(0, attempts.size() - 1)
          .forEach(earlier -> assertTrue(MailSeeds.failedAs(earlier, null)));
    }
    assertEquals(DeliveryStatus.PENDING, seeds.reload(notYet).status);
    assertEquals(0, seeds.attempts(notYet).size());
    // nothing more goes out for them
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
    assertEquals(1, SmtpReceiver.messagesTo(to).size());
  }

  @Test
  void aRefusedDigestIsLoggedPerDeliveryAndRetriedWhole() {
    String to = MailSeeds.address("refused");
    // refused once only: a test that accepted the address again itself could be outrun by the
    // retries (200 ms apart here) on a busy machine and find the digest dead already
    SmtpReceiver.refuse(to, "550 5.1.1 Mailbox unavailable", 1);
    Subscription subscription =
        seeds.subscription("Hourly risks", to, Audience.TECHNICAL, Digest.HOURLY);
    OffsetDateTime hour =
        OffsetDateTime.now(ZoneOffset.UTC).withMinute(0).withSecond(0).withNano(0);
    NotificationEvent one = seeds.riskAssessed("One", "HIGH", 12, hour.minusMinutes(40));
    NotificationEvent two = seeds.riskAssessed("Two", "HIGH", 12, hour.minusMinutes(20));
    // in one transaction: a digest of the first alone could otherwise go out in between
    List<Delivery> due = seeds.deliveries(subscription, hour, one, two);

    await()
        .atMost(WAIT)
        .until(
            () ->
                due.stream()
                    .allMatch(
                        d ->
                            seeds.attempts(d).stream()
                                .anyMatch(a -> Integer.valueOf(550).equals(a.statusCode))));
    for (Delivery d : due) {
      DeliveryAttempt refused =
          seeds.attempts(d).stream()
              .filter(a -> Integer.valueOf(550).equals(a.statusCode))
              .findFirst()
              .orElseThrow();
      assertTrue(refused.error.contains("550 5.1.1 Mailbox unavailable"), refused.error);
    }

    SmtpReceiver.Message message = SmtpReceiver.awaitMessagesTo(to, 1, WAIT).get(0);
    ReceivedMail mail = ReceivedMail.of(message.data());
    assertEquals("[Tollgate] Hourly digest: 2 notifications (Hourly risks)", mail.subject());
    // a technical reader's lines: the inbox's technical titles (Messages)
    for (NotificationEvent e : List.of(one, two)) {
      String title = "tollgate.risk.assessed.v1 " + e.subject + " [APO] status=OPEN level=HIGH";
      assertTrue(mail.text().contains(" UTC  " + title + "\n"), mail.text());
    }
    await()
        .atMost(WAIT)
        .until(
            () -> due.stream().allMatch(d -> seeds.reload(d).status == DeliveryStatus.DELIVERED));
    for (Delivery d : due) {
      List<DeliveryAttempt> attempts = seeds.attempts(d);
      assertEquals(250, attempts.get(attempts.size() - 1).statusCode);
      assertEquals(attempts.size(), seeds.reload(d).attempts);
    }
    assertEquals(1, SmtpReceiver.messagesTo(to).size());
  }

  @Test
  void aDigestRefusedOnEveryRetryIsDeadAndDeadLettered() {
    try (EventCollector events = EventCollector.fromEnd(NotificationEvents.TOPIC)) {
      String to = MailSeeds.address("gone");
      SmtpReceiver.refuse(to, "550 5.1.1 No such user");
      Subscription subscription = seeds.subscription("Gone", to, Audience.BUSINESS, Digest.DAILY);
      Delivery delivery =
          seeds.delivery(
              subscription,
              seeds.riskAssessed("Lost", "HIGH", 12, OffsetDateTime.now(ZoneOffset.UTC)),
              OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));

      // the test's retry delays are two: three attempts, then DEAD
      await().atMost(WAIT).until(() -> seeds.reload(delivery).status == DeliveryStatus.DEAD);
      Delivery dead = seeds.reload(delivery);
      assertEquals(3, dead.attempts);
      assertNull(dead.nextAttemptAt);
      List<DeliveryAttempt> attempts = seeds.attempts(delivery);
      assertEquals(3, attempts.size());
      assertTrue(attempts.stream().anyMatch(a -> Integer.valueOf(550).equals(a.statusCode)));
      attempts.forEach(a -> assertTrue(MailSeeds.failedAs(a, 550), a.error));
      assertEquals(0, SmtpReceiver.messagesTo(to).size());
      ConsumerRecord<String, String> letter =
          events.awaitRecord(r -> ProducedEvents.about(r, delivery.id.toString()), WAIT);
      JsonNode data =
          ProducedEvents.checked(
              letter,
              WebhookDeliveryTest.SCHEMA,
              delivery.projectId.toString(),
              "deliveryId",
              delivery.id.toString());
      assertEquals(
          NotificationEvents.DELIVERY_DEAD_LETTERED,
          ProducedEvents.json(letter).path("type").asText());
      assertEquals(subscription.id.toString(), data.path("subscriptionId").asText());
      assertEquals(3, data.path("attempts").asInt());
      assertEquals(
          dead.lastStatusCode == null ? "null" : dead.lastStatusCode.toString(),
          data.path("lastStatusCode").asText());
    }
  }
}

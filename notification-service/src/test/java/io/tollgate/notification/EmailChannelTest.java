package io.tollgate.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.DeliveryAttempt;
import io.tollgate.notification.model.DeliveryStatus;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An EMAIL subscription's delivery goes out through the dispatcher as one e-mail to a real SMTP
 * server; a refusal or a server that hangs up is a failed attempt, logged and retried.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(SmtpReceiver.class)
class EmailChannelTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject EntityManager em;

  private MailSeeds seeds;

  @BeforeEach
  void seeds() {
    seeds = new MailSeeds(em);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private void awaitStatus(Delivery delivery, DeliveryStatus status) {
    await().atMost(WAIT).until(() -> seeds.reload(delivery).status == status);
  }

  @Test
  void anImmediateDeliveryIsOneEmailInTheAudiencesLanguage() {
    String business = MailSeeds.address("sponsor");
    String technical = MailSeeds.address("ops");
    Subscription forBusiness =
        seeds.subscription("Apollo risks", business, Audience.BUSINESS, Digest.IMMEDIATE);
    Subscription forTechnical =
        seeds.subscription("Apollo risks (ops)", technical, Audience.TECHNICAL, Digest.IMMEDIATE);
    NotificationEvent event = seeds.riskAssessed("Pen test findings open", "CRITICAL", 20, now());
    Delivery toBusiness = seeds.delivery(forBusiness, event, now());
    Delivery toTechnical = seeds.delivery(forTechnical, event, now());

    SmtpReceiver.Message message = SmtpReceiver.awaitMessagesTo(business, 1, WAIT).get(0);
    assertEquals(List.of(business), message.recipients());
    ReceivedMail mail = ReceivedMail.of(message.data());
    assertEquals(business, mail.header("to"));
    // the inbox's words (Messages), with the project's name from the directory
    assertEquals(
        "[Tollgate] Risk 'Pen test findings open' on Apollo is now CRITICAL", mail.subject());
    assertTrue(
        mail.text()
            .startsWith(
                "Risk 'Pen test findings open' on Apollo is now CRITICAL: probability 4 of 5,"
                    + " impact 5 of 5, category SECURITY.\n\n-- \n"),
        mail.text());
    assertTrue(
        mail.text().contains("manage or delete subscription Apollo risks (" + forBusiness.id + ")"),
        mail.text());
    assertTrue(
        mail.html()
            .contains("<h2>Risk &#39;Pen test findings open&#39; on Apollo is now CRITICAL</h2>"),
        mail.html());
    assertFalse(mail.text().contains("http"), mail.text());

    ReceivedMail forOps =
        ReceivedMail.of(SmtpReceiver.awaitMessagesTo(technical, 1, WAIT).get(0).data());
    assertEquals(
        "[Tollgate] tollgate.risk.assessed.v1 "
            + event.subject
            + " [APO] status=OPEN level=CRITICAL",
        forOps.subject());
    assertTrue(
        forOps
            .text()
            .startsWith(
                "type=tollgate.risk.assessed.v1; id="
                    + event.eventId
                    + "; subject="
                    + event.subject
                    + "; projectId="
                    + event.projectId
                    + "; projectKey=APO; time="),
        forOps.text());
    assertTrue(forOps.text().contains("; score=20"), forOps.text());
    assertFalse(forOps.text().contains("{"), forOps.text());

    // (not "one attempt": on a busy machine the first e-mails of a fresh mail client have been
    // seen to time out once, and are then sent by the retry)
    for (Delivery d : List.of(toBusiness, toTechnical)) {
      awaitStatus(d, DeliveryStatus.DELIVERED);
      List<DeliveryAttempt> attempts = seeds.attempts(d);
      DeliveryAttempt last = attempts.get(attempts.size() - 1);
      assertEquals(250, last.statusCode);
      assertNull(last.error);
    }
  }

  @Test
  void aRefusalIsLoggedWithTheSmtpReplyAndRetried() {
    String to = MailSeeds.address("full");
    SmtpReceiver.refuse(to, "452 4.2.2 Mailbox full", 1);
    Subscription subscription =
        seeds.subscription("Refused once", to, Audience.BUSINESS, Digest.IMMEDIATE);
    Delivery delivery =
        seeds.delivery(subscription, seeds.riskAssessed("Refused risk", "HIGH", 12, now()), now());

    awaitStatus(delivery, DeliveryStatus.DELIVERED);
    List<DeliveryAttempt> attempts = seeds.attempts(delivery);
    assertTrue(
        attempts.stream()
            .anyMatch(
                a ->
                    Integer.valueOf(452).equals(a.statusCode)
                        && "SMTP refused: 452 4.2.2 Mailbox full".equals(a.error)),
        "the refusal is logged with its reply");
    assertEquals(250, attempts.get(attempts.size() - 1).statusCode);
    attempts.subList(0, attempts.size() - 1).forEach(a -> assertTrue(MailSeeds.failedAs(a, 452)));
    assertEquals(attempts.size(), seeds.reload(delivery).attempts);
    assertEquals(1, SmtpReceiver.awaitMessagesTo(to, 1, WAIT).size());
  }

  @Test
  void aServerThatHangsUpIsAFailedAttemptWithoutStatus() {
    String to = MailSeeds.address("crash");
    SmtpReceiver.hangUpOn(to);
    Subscription subscription =
        seeds.subscription("Crash", to, Audience.BUSINESS, Digest.IMMEDIATE);
    Delivery delivery =
        seeds.delivery(subscription, seeds.riskAssessed("Crash risk", "HIGH", 12, now()), now());

    // the test's retry delays are two: three attempts, then DEAD
    awaitStatus(delivery, DeliveryStatus.DEAD);
    List<DeliveryAttempt> attempts = seeds.attempts(delivery);
    assertEquals(3, attempts.size());
    for (DeliveryAttempt attempt : attempts) {
      assertNull(attempt.statusCode);
      assertTrue(
          attempt.error.startsWith("SMTP server unreachable: ")
              || MailSeeds.failedAs(attempt, null),
          attempt.error);
      assertFalse(attempt.error.contains(to), attempt.error);
    }
    assertEquals(0, SmtpReceiver.messagesTo(to).size());
  }
}

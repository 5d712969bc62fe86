package io.tollgate.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import io.tollgate.notification.service.DeliverySender.Outcome;
import io.tollgate.notification.service.EmailSender;
import io.tollgate.testing.TollgateInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The EMAIL channel sends one event as one e-mail to a real SMTP server. */
@QuarkusTest
@QuarkusTestResource(
    value = TollgateInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(SmtpReceiver.class)
class EmailChannelTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject EntityManager em;
  @Inject EmailSender sender;

  private MailSeeds seeds;

  @BeforeEach
  void seeds() {
    seeds = new MailSeeds(em);
  }

  @Test
  void anEventIsOneEmailInTheAudiencesLanguage() {
    String business = MailSeeds.address("sponsor");
    String technical = MailSeeds.address("ops");
    Subscription forBusiness =
        seeds.subscription("Apollo risks", business, Audience.BUSINESS, Digest.IMMEDIATE);
    Subscription forTechnical =
        seeds.subscription("Apollo risks (ops)", technical, Audience.TECHNICAL, Digest.IMMEDIATE);
    NotificationEvent event =
        seeds.riskAssessed(
            "Pen test findings open", "CRITICAL", 20, OffsetDateTime.now(ZoneOffset.UTC));
    Delivery toBusiness = seeds.delivery(forBusiness, event, OffsetDateTime.now(ZoneOffset.UTC));
    Delivery toTechnical = seeds.delivery(forTechnical, event, OffsetDateTime.now(ZoneOffset.UTC));

    Outcome sent = sender.send(toBusiness, forBusiness, event);
    assertTrue(sent.delivered(), sent.toString());
    assertEquals(250, sent.statusCode());
    assertTrue(sender.send(toTechnical, forTechnical, event).delivered());

    SmtpReceiver.Message message = SmtpReceiver.awaitMessagesTo(business, 1, WAIT).get(0);
    assertEquals(List.of(business), message.recipients());
    ReceivedMail mail = ReceivedMail.of(message.data());
    assertEquals(business, mail.header("to"));
    assertEquals("[Tollgate] Pen test findings open: CRITICAL", mail.subject());
    assertTrue(mail.text().startsWith("Pen test findings open changed (CRITICAL)."), mail.text());
    assertTrue(
        mail.text().contains("manage or delete subscription Apollo risks (" + forBusiness.id + ")"),
        mail.text());
    assertTrue(mail.html().contains("<h2>Pen test findings open: CRITICAL</h2>"), mail.html());
    assertFalse(mail.text().contains("http"), mail.text());

    ReceivedMail forOps =
        ReceivedMail.of(SmtpReceiver.awaitMessagesTo(technical, 1, WAIT).get(0).data());
    assertEquals("[Tollgate] tollgate.risk.assessed.v1 " + event.subject, forOps.subject());
    assertTrue(forOps.text().contains("\"score\":20"), forOps.text());
  }

  @Test
  void aRefusalIsAnsweredWithTheSmtpReply() {
    String to = MailSeeds.address("unknown");
    SmtpReceiver.refuse(to, "550 5.1.1 No such user here");
    Subscription subscription =
        seeds.subscription("Refused", to, Audience.BUSINESS, Digest.IMMEDIATE);
    NotificationEvent event =
        seeds.riskAssessed("Refused risk", "HIGH", 12, OffsetDateTime.now(ZoneOffset.UTC));
    Delivery delivery = seeds.delivery(subscription, event, OffsetDateTime.now(ZoneOffset.UTC));

    Outcome refused = sender.send(delivery, subscription, event);

    assertFalse(refused.delivered());
    assertEquals(550, refused.statusCode());
    assertEquals("SMTP refused: 550 5.1.1 No such user here", refused.error());
    assertEquals(0, SmtpReceiver.messagesTo(to).size());
  }

  @Test
  void aServerThatHangsUpIsAFailureWithoutStatus() {
    String to = MailSeeds.address("crash");
    SmtpReceiver.hangUpOn(to);
    Subscription subscription =
        seeds.subscription("Crash", to, Audience.BUSINESS, Digest.IMMEDIATE);
    NotificationEvent event =
        seeds.riskAssessed("Crash risk", "HIGH", 12, OffsetDateTime.now(ZoneOffset.UTC));
    Delivery delivery = seeds.delivery(subscription, event, OffsetDateTime.now(ZoneOffset.UTC));

    Outcome failed = sender.send(delivery, subscription, event);

    assertFalse(failed.delivered());
    assertNull(failed.statusCode());
    assertTrue(failed.error().startsWith("SMTP server unreachable: "), failed.error());
    assertFalse(failed.error().contains(to), failed.error());
  }
}

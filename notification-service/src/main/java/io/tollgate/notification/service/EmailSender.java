package io.tollgate.notification.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The EMAIL channel: one event as one e-mail to the subscription's address, over SMTP ({@code
 * quarkus.mailer.*}). The SMTP server's acceptance of the message (250) is delivered; a refusal is
 * answered with its reply code and text, a connection failure or a timeout without a code, so the
 * dispatcher retries them as it retries a webhook.
 */
@ApplicationScoped
public class EmailSender implements DeliverySender {

  private static final Logger LOG = Logger.getLogger(EmailSender.class);
  private static final int MAX_TEXT = 1_000;

  private final Mailer mailer;
  private final EventTexts texts;

  EmailSender(Mailer mailer, EventTexts texts) {
    this.mailer = mailer;
    this.texts = texts;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public Outcome send(Delivery delivery, Subscription subscription, NotificationEvent event) {
    EmailContent.Mail mail =
        EmailContent.single(subscription, texts.of(event, subscription.audience));
    return send(subscription.email, mail, "delivery " + delivery.id);
  }

  /**
   * Sends {@code mail} to {@code address} and answers what came of it; {@code what} names it in the
   * log (never the address in full).
   */
  Outcome send(String address, EmailContent.Mail mail, String what) {
    long start = System.nanoTime();
    // one e-mail at a time per instance: sent concurrently through the one mail client, an e-mail
    // right after a refused or cut-off one was seen to get no answer until the timeout (the
    // client's pooled connections, cf. vert-x3/vertx-mail-client#171); e-mails are few, so the
    // dispatcher's parallel webhook sends are what matters, and they are not held here
    synchronized (this) {
      return sendAlone(address, mail, what, start);
    }
  }

  private Outcome sendAlone(String address, EmailContent.Mail mail, String what, long start) {
    try {
      mailer.send(
          Mail.withText(address, mail.subject(), mail.text())
              .setHtml(mail.html())
              .addHeader("Auto-Submitted", "auto-generated"));
      LOG.debugf("%s: e-mail accepted for %s", what, Addresses.masked(address));
      return new Outcome(true, 250, null, "250 accepted", millisSince(start));
    } catch (RuntimeException e) {
      Outcome outcome = failure(e, millisSince(start));
      LOG.infof(
          "%s: e-mail to %s not accepted: %s",
          what, Addresses.masked(address), masked(outcome.error(), address));
      return outcome;
    }
  }

  private static Outcome failure(RuntimeException e, int durationMillis) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SMTPException smtp) {
        // the reply's lines, each starting with its code as the server sent them
        String reply = String.join(" ", smtp.getReplyMessages());
        if (!reply.startsWith(String.valueOf(smtp.getReplyCode()))) {
          reply = smtp.getReplyCode() + " " + reply;
        }
        return new Outcome(
            false, smtp.getReplyCode(), cut("SMTP refused: " + reply), cut(reply), durationMillis);
      }
      // the blocking mailer's own timeout (quarkus.mailer.timeout) is Mutiny's
      if (cause instanceof TimeoutException
          || cause instanceof io.smallrye.mutiny.TimeoutException) {
        return new Outcome(
            false, null, "timeout: no answer from the SMTP server", null, durationMillis);
      }
      if (cause instanceof IllegalArgumentException) {
        return new Outcome(false, null, "invalid e-mail address", null, durationMillis);
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new Outcome(
        false, null, cut("SMTP server unreachable: " + reason), null, durationMillis);
  }

  private static String masked(String text, String address) {
    return text == null || address == null
        ? text
        : text.replace(address, Addresses.masked(address));
  }

  private static String cut(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }

  private static int millisSince(long start) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
  }
}

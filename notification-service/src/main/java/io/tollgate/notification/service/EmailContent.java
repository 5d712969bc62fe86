package io.tollgate.notification.service;

import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * What an e-mail says: the subject, a plain-text body and the same as HTML, in the subscription's
 * audience's language, with a footer that names the subscription and how to stop it. No links: the
 * reader manages subscriptions through the API or the UI they already use.
 */
final class EmailContent {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  /** The three parts of one e-mail. */
  record Mail(String subject, String text, String html) {}

  private EmailContent() {}

  /** The e-mail of one event, saying what its inbox entry says ({@link EventTexts}). */
  static Mail single(Subscription subscription, Messages.Text wording) {
    String text = wording.message() + "\n\n-- \n" + footer(subscription) + "\n";
    String html =
        "<html><body><h2>"
            + escape(wording.title())
            + "</h2><p>"
            + escape(wording.message())
            + "</p>"
            + htmlFooter(subscription)
            + "</body></html>";
    return new Mail("[Tollgate] " + wording.title(), text, html);
  }

  /**
   * The e-mail of a digest: at most {@code maxItems} events listed, oldest first (as given), each a
   * line with its time and title as {@code wording} gives it; the rest counted.
   */
  static Mail digest(
      Subscription subscription,
      List<NotificationEvent> events,
      int maxItems,
      Function<NotificationEvent, Messages.Text> wording) {
    int listed = Math.min(events.size(), maxItems);
    String period = subscription.digest == Digest.HOURLY ? "Hourly" : "Daily";
    String count = events.size() == 1 ? "1 notification" : events.size() + " notifications";
    StringBuilder text =
        new StringBuilder(count).append(" for subscription ").append(subscription.name);
    text.append(", oldest first:\n\n");
    StringBuilder items = new StringBuilder("<ul>");
    for (NotificationEvent event : events.subList(0, listed)) {
      String title = wording.apply(event).title();
      String when = TIME.format(when(event));
      text.append("- ").append(when).append("  ").append(title).append('\n');
      items.append("<li>").append(escape(when)).append(" &ndash; ").append(escape(title));
      items.append("</li>");
    }
    items.append("</ul>");
    String more = "";
    if (events.size() > listed) {
      more = "... and " + (events.size() - listed) + " more, not listed.";
      text.append(more).append('\n');
    }
    text.append("\n-- \n").append(footer(subscription)).append('\n');
    String html =
        "<html><body><h2>"
            + escape(count)
            + "</h2>"
            + items
            + (more.isEmpty() ? "" : "<p>" + escape(more) + "</p>")
            + htmlFooter(subscription)
            + "</body></html>";
    return new Mail(
        "[Tollgate] " + period + " digest: " + count + " (" + subscription.name + ")",
        text.toString(),
        html);
  }

  static String footer(Subscription subscription) {
    return "You receive this e-mail through your Tollgate subscription \""
        + subscription.name
        + "\". To stop it, manage or delete subscription "
        + subscription.name
        + " ("
        + subscription.id
        + ").";
  }

  private static String htmlFooter(Subscription subscription) {
    return "<hr><p style=\"color:#666;font-size:small\">" + escape(footer(subscription)) + "</p>";
  }

  private static OffsetDateTime when(NotificationEvent event) {
    OffsetDateTime at = event.occurredAt != null ? event.occurredAt : event.receivedAt;
    return at.withOffsetSameInstant(ZoneOffset.UTC);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

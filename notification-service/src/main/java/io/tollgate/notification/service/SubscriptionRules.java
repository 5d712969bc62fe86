package io.tollgate.notification.service;

import io.smallrye.config.SmallRyeConfig;
import io.tollgate.notification.config.WebhooksConfig;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Digest;
import io.tollgate.rest.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/** The rules of a subscription's fields that depend on its channel or on the event catalogue. */
public final class SubscriptionRules {

  public static final int MAX_NAME = 200;
  public static final int MAX_URL = 2000;
  public static final int MAX_EMAIL = 320;
  public static final int MAX_EVENT_TYPES = 50;

  /** One @, no spaces, a domain with a dot: what a mail server could deliver to. */
  private static final Pattern EMAIL =
      Pattern.compile("^[^\\s@\"<>,;]{1,64}@[^\\s@\"<>,;.]+(\\.[^\\s@\"<>,;.]+)+$");

  /** How much of a refused entry a violation repeats. */
  private static final int ECHO = 100;

  private SubscriptionRules() {}

  /**
   * The configured {@code tollgate.webhooks.allow-http}, read where no bean is injected (a request
   * body's own rules).
   */
  public static boolean allowHttp() {
    return ConfigProvider.getConfig()
        .unwrap(SmallRyeConfig.class)
        .getConfigMapping(WebhooksConfig.class)
        .allowHttp();
  }

  /** The configured {@code tollgate.webhooks.allow-private-targets}, read as {@link #allowHttp}. */
  public static boolean allowPrivateTargets() {
    return ConfigProvider.getConfig()
        .unwrap(SmallRyeConfig.class)
        .getConfigMapping(WebhooksConfig.class)
        .allowPrivateTargets();
  }

  /**
   * Everything the channel-dependent fields break, each naming its field; empty when nothing does.
   * A null channel (refused on its own) checks only what does not depend on it.
   */
  public static List<Problem.Violation> problems(
      Channel channel,
      String url,
      String email,
      List<String> eventTypes,
      Digest digest,
      boolean allowHttp,
      boolean allowPrivateTargets) {
    List<Problem.Violation> violations = new ArrayList<>();
    if (channel == Channel.WEBHOOK) {
      if (url == null) {
        violations.add(new Problem.Violation("url", "is required for a WEBHOOK subscription"));
      } else {
        String problem = urlProblem(url, allowHttp, allowPrivateTargets);
        if (problem != null) {
          violations.add(new Problem.Violation("url", problem));
        }
      }
    } else if (channel != null && url != null) {
      violations.add(new Problem.Violation("url", "is only for a WEBHOOK subscription"));
    }
    if (channel == Channel.EMAIL) {
      if (email == null) {
        violations.add(new Problem.Violation("email", "is required for an EMAIL subscription"));
      } else if (!plausibleEmail(email)) {
        violations.add(new Problem.Violation("email", "must be an e-mail address"));
      }
    } else if (channel != null && email != null) {
      violations.add(new Problem.Violation("email", "is only for an EMAIL subscription"));
    }
    if (channel != null
        && channel != Channel.EMAIL
        && digest != null
        && digest != Digest.IMMEDIATE) {
      violations.add(
          new Problem.Violation(
              "digest", "must be IMMEDIATE: only an EMAIL subscription is sent as a digest"));
    }
    if (eventTypes != null) {
      for (int i = 0; i < eventTypes.size(); i++) {
        String entry = eventTypes.get(i);
        if (entry != null && !EventCatalogue.known(entry)) {
          violations.add(
              new Problem.Violation(
                  "eventTypes[" + i + "]",
                  echo(entry)
                      + " is not an event type the platform publishes nor a family of them"
                      + " (tollgate.<producer>.*); GET /api/v1/subscriptions/event-types lists"
                      + " them"));
        }
      }
    }
    return violations;
  }

  /** What is wrong with a webhook's URL, or null when nothing is. */
  static String urlProblem(String url, boolean allowHttp, boolean allowPrivateTargets) {
    String absolute = "must be an absolute http or https URL";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return absolute;
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || uri.isOpaque()
        || uri.getHost() == null
        || !("http".equals(scheme) || "https".equals(scheme))) {
      return absolute;
    }
    if (uri.getRawUserInfo() != null) {
      // credentials in a URL end up in logs and in every delivery's record
      return "must not hold user information (user:password@); the signature authenticates"
          + " the sender";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment (#...), which is never sent";
    }
    if (!allowHttp && "http".equals(scheme)) {
      return "must use https";
    }
    if (uri.getPort() > 65535) {
      return "must have a port from 1 to 65535";
    }
    // a name is looked up before every attempt; a literal address or localhost is judged now
    return WebhookTargets.refusal(uri, allowPrivateTargets, false)
        .map(r -> "must not name an internal address: " + r)
        .orElse(null);
  }

  static boolean plausibleEmail(String email) {
    return email.length() <= MAX_EMAIL
        && email.chars().noneMatch(Character::isISOControl)
        && EMAIL.matcher(email).matches();
  }

  /** A refused value as a violation may repeat it: quoted and cut short. */
  private static String echo(String value) {
    return "\"" + (value.length() > ECHO ? value.substring(0, ECHO) + "..." : value) + "\"";
  }
}

package io.tollgate.notification.service;

import io.tollgate.notification.config.WebhooksConfig;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Delivery;
import io.tollgate.notification.model.NotificationEvent;
import io.tollgate.notification.model.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a delivery as a signed HTTP POST (Standard Webhooks, ADR 0026): the event as it was
 * received, signed exactly as sent. Runs on the dispatcher's worker threads, never on the event
 * loop. A redirect is not followed (the receiver's URL is the one its owner registered).
 */
@ApplicationScoped
public class WebhookSender implements DeliverySender {

  public static final String USER_AGENT = "Tollgate-Webhooks/1";
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  /** How much of the receiver's answer the delivery log keeps. */
  static final int KEPT_ANSWER = 1_000;

  private final WebhooksConfig config;
  private final HttpClient client;

  WebhookSender(WebhooksConfig config) {
    this.config = config;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(config.timeout())
            .build();
  }

  @Override
  public Channel channel() {
    return Channel.WEBHOOK;
  }

  @Override
  public Outcome send(Delivery delivery, Subscription subscription, NotificationEvent event) {
    byte[] body = event.envelope.getBytes(StandardCharsets.UTF_8);
    String id = delivery.id.toString();
    long timestamp = Instant.now().getEpochSecond();
    long start = System.nanoTime();
    if (!config.allowHttp() && !subscription.url.regionMatches(true, 0, "https:", 0, 6)) {
      // made while http was allowed: its events and signatures are not sent in the clear now
      return new Outcome(
          false,
          null,
          "plain http is not allowed here (tollgate.webhooks.allow-http=false)",
          null,
          0);
    }
    HttpRequest request;
    try {
      URI target = URI.create(subscription.url);
      // looked up again before every attempt: a name may point somewhere internal by now
      Optional<String> refused = WebhookTargets.refusal(target, config.allowPrivateTargets(), true);
      if (refused.isPresent()) {
        return new Outcome(false, null, "not called: " + refused.get(), null, 0);
      }
      request =
          HttpRequest.newBuilder(target)
              .timeout(config.timeout())
              .header("Content-Type", CONTENT_TYPE)
              .header("User-Agent", USER_AGENT)
              .header("webhook-id", id)
              .header("webhook-timestamp", Long.toString(timestamp))
              .header(
                  "webhook-signature",
                  WebhookSignature.sign(subscription.secret, id, timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    } catch (IllegalArgumentException e) {
      return new Outcome(false, null, "not a URL that can be called: " + e.getMessage(), null, 0);
    }
    CompletableFuture<HttpResponse<String>> answer =
        client.sendAsync(request, info -> new FirstChars(KEPT_ANSWER));
    try {
      // the request's timeout covers the wait for the status line; this one the answer's body too
      HttpResponse<String> response =
          answer.get(config.timeout().toMillis() + 100, TimeUnit.MILLISECONDS);
      return outcome(response, millisSince(start));
    } catch (TimeoutException e) {
      answer.cancel(true);
      return failed("no answer within " + describe(config.timeout()), start);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      return failed("interrupted (the service is stopping)", start);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return failed("no answer within " + describe(config.timeout()), start);
      }
      return failed(describe(cause), start);
    }
  }

  private static Outcome outcome(HttpResponse<String> response, int millis) {
    int status = response.statusCode();
    String answer = response.body();
    if (status >= 200 && status < 300) {
      return new Outcome(true, status, null, answer, millis);
    }
    String error;
    if (status >= 300 && status < 400) {
      error =
          "redirect ("
              + status
              + ") not followed"
              + response.headers().firstValue("Location").map(l -> " to " + l).orElse("")
              + ": register the final URL";
    } else {
      error = "the receiver answered " + status;
    }
    return new Outcome(false, status, error, answer, millis);
  }

  private static Outcome failed(String error, long start) {
    return new Outcome(false, null, error, null, millisSince(start));
  }

  private static int millisSince(long start) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
  }

  private static String describe(Throwable e) {
    String name =
        switch (e.getClass().getSimpleName()) {
          case "ConnectException" -> "connection refused";
          case "UnresolvedAddressException", "UnknownHostException" -> "unknown host";
          case "SSLHandshakeException", "SSLException" -> "TLS handshake failed";
          default -> e.getClass().getSimpleName();
        };
    String message = e.getMessage();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }

  /** 10s, 1500ms: how a timeout reads in the delivery log. */
  static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /**
   * Keeps the first characters of the answer and discards the rest as it arrives, so that a huge
   * answer costs no memory.
   */
  private static final class FirstChars implements HttpResponse.BodySubscriber<String> {
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();

    FirstChars(int chars) {
      // a character is at most 4 bytes in UTF-8
      this.limit = chars * 4;
    }

    @Override
    public java.util.concurrent.CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        int room = limit - kept.size();
        if (room > 0) {
          byte[] bytes = new byte[Math.min(room, buffer.remaining())];
          buffer.get(bytes);
          kept.write(bytes, 0, bytes.length);
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      String text = kept.toString(StandardCharsets.UTF_8);
      if (text.length() > KEPT_ANSWER) {
        text = text.substring(0, KEPT_ANSWER);
      }
      result.complete(text.isEmpty() ? null : text);
    }
  }
}

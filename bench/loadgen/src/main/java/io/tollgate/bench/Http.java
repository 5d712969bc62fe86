package io.tollgate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The JDK HTTP client, set up for load: HTTP/1.1 with keep-alive, no h2c upgrade attempts. */
final class Http {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private Http() {}

  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  static HttpRequest get(URI uri, List<String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
    headers(b, headers);
    return b.build();
  }

  static HttpRequest postJson(URI uri, String body, List<String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers(b, headers);
    return b.build();
  }

  /** Sends and drains the response body; returns the status. */
  static int status(HttpClient client, HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void headers(HttpRequest.Builder b, List<String> headers) {
    for (String h : headers) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("header must be Name: value, got " + h);
      }
      b.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
  }
}

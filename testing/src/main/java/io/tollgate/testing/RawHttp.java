package io.tollgate.testing;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange written byte for byte over a socket, for requests that HTTP clients refuse
 * to send (a URI that does not decode, a missing {@code Host} header) but a server must still
 * answer properly.
 */
public final class RawHttp {

  private RawHttp() {}

  /** A parsed answer: its status, its headers by lower-case name, and its body. */
  public record Answer(int status, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonPath json() {
      return new JsonPath(body);
    }
  }

  /**
   * Sends {@code head} (the request line and headers, each line without its CRLF, no body) with
   * {@code Connection: close} added, and reads the answer to its end.
   */
  public static Answer exchange(String host, int port, String... head) {
    return exchange(null, host, port, head);
  }

  /** As {@link #exchange(String, int, String...)}, from this local address (e.g. 127.0.0.2). */
  public static Answer exchange(String from, String host, int port, String... head) {
    StringBuilder request = new StringBuilder();
    for (String line : head) {
      request.append(line).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket()) {
      if (from != null) {
        socket.bind(new InetSocketAddress(from, 0));
      }
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return parse(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer parse(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("not an HTTP answer: " + answer);
    }
    String[] lines = answer.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    return new Answer(status, headers, answer.substring(end + 4));
  }
}

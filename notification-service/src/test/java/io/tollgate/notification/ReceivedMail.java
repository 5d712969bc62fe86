package io.tollgate.notification;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A received message read as a mail client reads it: headers unfolded and decoded (RFC 2047), and
 * the plain-text and HTML parts of a multipart/alternative body, decoded from quoted-printable or
 * base64.
 */
public record ReceivedMail(Map<String, String> headers, String text, String html) {

  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=(\\s+(?==\\?))?");
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

  public static ReceivedMail of(String data) {
    Part message = Part.parse(data);
    String text = null;
    String html = null;
    String type = message.header("content-type");
    if (type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      Matcher boundary = BOUNDARY.matcher(type);
      if (!boundary.find()) {
        throw new IllegalArgumentException("multipart without boundary: " + type);
      }
      for (Part part : message.parts(boundary.group(1))) {
        String partType = part.header("content-type").toLowerCase(Locale.ROOT);
        if (partType.startsWith("text/plain")) {
          text = part.decodedBody();
        } else if (partType.startsWith("text/html")) {
          html = part.decodedBody();
        }
      }
    } else {
      text = message.decodedBody();
    }
    return new ReceivedMail(message.headers(), text, html);
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  public String subject() {
    return header("subject");
  }

  private record Part(Map<String, String> headers, String body) {

    static Part parse(String raw) {
      String normalized = raw.replace("\r\n", "\n");
      int end = normalized.indexOf("\n\n");
      String head = end < 0 ? normalized : normalized.substring(0, end);
      String body = end < 0 ? "" : normalized.substring(end + 2);
      Map<String, String> headers = new LinkedHashMap<>();
      String unfolded = head.replaceAll("\n[ \t]+", " ");
      for (String line : unfolded.split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              decodeWords(line.substring(colon + 1).trim()));
        }
      }
      return new Part(headers, body);
    }

    String header(String name) {
      return headers.getOrDefault(name, "text/plain");
    }

    java.util.List<Part> parts(String boundary) {
      java.util.List<Part> parts = new java.util.ArrayList<>();
      String[] chunks = body.split("(^|\n)--" + Pattern.quote(boundary));
      for (int i = 1; i < chunks.length; i++) {
        String chunk = chunks[i];
        if (chunk.startsWith("--")) {
          break;
        }
        parts.add(parse(chunk.replaceFirst("^[ \t]*\n", "")));
      }
      return parts;
    }

    String decodedBody() {
      String encoding = headers.getOrDefault("content-transfer-encoding", "7bit");
      Charset charset = charset(headers.getOrDefault("content-type", ""));
      String trimmed = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
      return switch (encoding.toLowerCase(Locale.ROOT)) {
        case "quoted-printable" -> new String(quotedPrintable(trimmed, false), charset);
        case "base64" -> new String(Base64.getMimeDecoder().decode(trimmed), charset);
        default -> trimmed;
      };
    }
  }

  private static Charset charset(String contentType) {
    Matcher m = Pattern.compile("charset=\"?([^\";]+)\"?").matcher(contentType);
    return m.find() ? Charset.forName(m.group(1)) : StandardCharsets.US_ASCII;
  }

  private static String decodeWords(String value) {
    Matcher m = ENCODED_WORD.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Charset charset = Charset.forName(m.group(1));
      byte[] bytes =
          m.group(2).equalsIgnoreCase("B")
              ? Base64.getDecoder().decode(m.group(3))
              : quotedPrintable(m.group(3), true);
      m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static byte[] quotedPrintable(String text, boolean header) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String joined = text.replaceAll("=\n", "");
    byte[] bytes = joined.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '=' && i + 2 < bytes.length) {
        out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else if (header && b == '_') {
        out.write(' ');
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}

package io.tollgate.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Set;

/**
 * Refuses JSON values that Java reads but PostgreSQL cannot store as they were sent, so that they
 * are a 400 naming the field instead of a 500 or a silently changed value:
 *
 * <ul>
 *   <li>text with a NUL character (U+0000), which PostgreSQL's text types reject;
 *   <li>text with an unpaired UTF-16 surrogate (such as {@code "\ud800"}), which is not Unicode and
 *       which the driver would store as {@code ?};
 *   <li>dates and timestamps whose year has more than four digits or is negative: RFC 3339, which
 *       the API documents, has years 0000-9999, and PostgreSQL's range ends in year 5874897;
 *   <li>dates and timestamps sent as anything but RFC 3339 text: Jackson would read {@code 5} as
 *       1970-01-06 (days or seconds since the epoch), {@code [2026,1,5]} as a date and {@code ""}
 *       as no date at all;
 *   <li>a number for an enum ({@code 1} for a methodology), which Jackson would read as the
 *       constant with that ordinal;
 *   <li>the same name twice in one object, which Jackson would read as the last of them (and
 *       another parser, in front of the service, as the first);
 *   <li>a fraction where a whole number is expected ({@code 3.7} for an int), which Jackson would
 *       otherwise cut to {@code 3} without a word;
 *   <li>a number or a boolean where the API takes text ({@code "name": 12345}), which Jackson would
 *       store as the text {@code "12345"};
 *   <li>anything after the body's JSON value but white space ({@code {...}{...}}, {@code {...}]}),
 *       which Jackson would otherwise ignore, storing the first value of a body that two clients'
 *       writes or a truncated retry ran together.
 * </ul>
 */
@Singleton
public class StrictJsonInput implements ObjectMapperCustomizer {

  private static final Set<Class<?>> DATES =
      Set.of(
          LocalDate.class,
          LocalDateTime.class,
          OffsetDateTime.class,
          ZonedDateTime.class,
          Instant.class);

  @Override
  public void customize(ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("tollgate-strict-json-input");
    module.addDeserializer(String.class, new Text());
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config,
              BeanDescription bean,
              JsonDeserializer<?> deserializer) {
            return DATES.contains(bean.getBeanClass())
                ? new FourDigitYear(deserializer)
                : deserializer;
          }
        });
    mapper.registerModule(module);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** What is wrong with {@code text} for storage, or {@code null} when nothing is. */
  static String problemWith(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "must not contain the NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("must not contain an unpaired surrogate (U+%04X)", (int) c);
      }
    }
    return null;
  }

  /** Reads text as Jackson does, then refuses what cannot be stored. */
  static final class Text extends StdScalarDeserializer<String> {

    Text() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      if (token != null && (token.isNumeric() || token.isBoolean())) {
        // Jackson would store 12345 or true as the text "12345" or "true": a client that sent a
        // number or a boolean where the API takes text has mistaken the field
        throw new Refused(
            p,
            "must be text (a JSON string), not " + (token.isNumeric() ? "a number" : p.getText()),
            p.getText(),
            String.class);
      }
      String text = StringDeserializer.instance.deserialize(p, ctxt);
      String problem = text == null ? null : problemWith(text);
      if (problem != null) {
        throw new Refused(p, problem, text, String.class);
      }
      return text;
    }
  }

  /**
   * Wraps the JDK date-time deserializers: refuses anything but non-blank text, and years outside
   * 0000-9999.
   */
  static final class FourDigitYear extends DelegatingDeserializer {

    FourDigitYear(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new FourDigitYear(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING) || p.getText().isBlank()) {
        throw new Refused(p, "not RFC 3339 text", p.getText(), handledType());
      }
      Object value = super.deserialize(p, ctxt);
      if (value instanceof TemporalAccessor temporal && !Rfc3339.hasFourDigitYear(temporal)) {
        throw new Refused(p, "year outside 0000-9999", value, handledType());
      }
      return value;
    }
  }

  /**
   * A value Jackson could read but that is refused; {@link FieldErrors} words it for the client,
   * with the field's path.
   */
  static final class Refused extends InvalidFormatException {

    private final String reason;

    Refused(JsonParser p, String reason, Object value, Class<?> type) {
      super(p, reason, value, type);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }
}

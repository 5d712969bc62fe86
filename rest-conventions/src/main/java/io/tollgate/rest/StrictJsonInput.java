package io.tollgate.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Refuses JSON values that Java reads but PostgreSQL cannot store as they were sent, so that they
 * are a 400 naming the field instead of a 500 or a silently changed value:
 *
 * <ul>
 *   <li>text with a NUL character (U+0000), which PostgreSQL's text types reject;
 *   <li>text with an unpaired UTF-16 surrogate (such as {@code "\ud800"}), which is not Unicode and
 *       which the driver would store as {@code ?};
 *   <li>dates and timestamps whose year has more than four digits, is negative or is 0000: RFC
 *       3339, which the API documents, has four-digit years, PostgreSQL's range ends in year
 *       5874897, and its year 0 is 1 BC, which the driver reads back as year 0001;
 *   <li>dates and timestamps sent as anything but RFC 3339 text: Jackson would read {@code 5} as
 *       1970-01-06 (days or seconds since the epoch), {@code [2026,1,5]} as a date, {@code ""} as
 *       no date at all, and a date-time or text with spaces around it as a date (dropping the time:
 *       {@code "2026-01-05T23:30:00"} was 2026-01-05);
 *   <li>a number or a boolean sent as text ({@code "3"}, {@code " 3 "}, {@code "+3"} for a whole
 *       number), which Jackson would parse, unless the API documents the field as text
 *       ({@code @Schema(type = STRING)}, as amounts of money are): then it must be a plain decimal,
 *       not {@code "1E+2"} or {@code " 5 "}. The rule holds for the types the OpenAPI document
 *       describes (a class or field with {@code @Schema}); the events a service reads follow their
 *       AsyncAPI schemas, which write amounts as text too;
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

  /** The types read from JSON numbers (and booleans), which Jackson would also read from text. */
  private static final Set<Class<?>> NUMBERS =
      Set.of(
          Integer.class,
          Integer.TYPE,
          Long.class,
          Long.TYPE,
          Short.class,
          Short.TYPE,
          BigInteger.class,
          BigDecimal.class,
          Double.class,
          Double.TYPE,
          Float.class,
          Float.TYPE,
          Boolean.class,
          Boolean.TYPE);

  /** A date as RFC 3339's full-date: four digits of year, and nothing before or after it. */
  private static final Pattern FULL_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /** A decimal as text where the API takes one: digits, and a point with more digits. */
  private static final Pattern DECIMAL_TEXT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

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
            Class<?> type = bean.getBeanClass();
            if (DATES.contains(type)) {
              return new FourDigitYear(deserializer);
            }
            if (NUMBERS.contains(type)) {
              return new NumberNotText(deserializer, null);
            }
            return deserializer;
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
        String violation =
            "must be text (a JSON string), not " + (token.isNumeric() ? "a number" : p.getText());
        throw new Refused(p, violation, p.getText(), String.class, violation);
      }
      String text = StringDeserializer.instance.deserialize(p, ctxt);
      String problem = text == null ? null : problemWith(text);
      if (problem != null) {
        throw new Refused(p, problem, text, String.class, problem);
      }
      return text;
    }
  }

  /**
   * Wraps the JDK date-time deserializers: refuses anything but non-blank text, and years outside
   * 0001-9999.
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
      if (!p.hasToken(JsonToken.VALUE_STRING)
          || p.getText().isBlank()
          || !p.getText().equals(p.getText().strip())
          // Jackson reads a date-time as a date, dropping its time and offset
          || (handledType() == LocalDate.class && !FULL_DATE.matcher(p.getText()).matches())) {
        throw new Refused(p, "not RFC 3339 text", p.getText(), handledType(), null);
      }
      Object value = super.deserialize(p, ctxt);
      if (value instanceof TemporalAccessor temporal && !Rfc3339.hasFourDigitYear(temporal)) {
        throw new Refused(p, "year outside 0001-9999", value, handledType(), null);
      }
      return value;
    }
  }

  /**
   * Wraps the JDK number and boolean deserializers: refuses text where the field is documented as a
   * number or a boolean, and text that is not a plain decimal where it is documented as text.
   */
  static final class NumberNotText extends DelegatingDeserializer {

    /** How the field is documented: its {@code @Schema}, or null where the type has none. */
    private final Documented documented;

    NumberNotText(JsonDeserializer<?> delegate, Documented documented) {
      super(delegate);
      this.documented = documented;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new NumberNotText(delegate, documented);
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws JsonMappingException {
      JsonDeserializer<?> contextual = super.createContextual(ctxt, property);
      Documented of = Documented.of(property);
      return contextual instanceof NumberNotText wrapper
          ? new NumberNotText(wrapper.getDelegatee(), of)
          : new NumberNotText(contextual, of);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (documented != null && p.hasToken(JsonToken.VALUE_STRING)) {
        String text = p.getText();
        String violation =
            !documented.asText()
                ? expected(handledType()) + ", not text"
                : DECIMAL_TEXT.matcher(text).matches()
                    ? null
                    : "must be a decimal such as \"250000.00\": digits, and a point with more"
                        + " digits (no exponent, + sign or spaces)";
        if (violation != null) {
          throw new Refused(p, violation, text, handledType(), violation);
        }
      }
      return super.deserialize(p, ctxt);
    }

    private static String expected(Class<?> type) {
      if (type == Boolean.class || type == Boolean.TYPE) {
        return "must be true or false (a JSON boolean)";
      }
      boolean whole =
          !(type == BigDecimal.class
              || type == Double.class
              || type == Double.TYPE
              || type == Float.class
              || type == Float.TYPE);
      return whole ? "must be a whole number (a JSON number)" : "must be a number (a JSON number)";
    }
  }

  /**
   * A field of a type the OpenAPI document describes, and whether it documents it as text.
   *
   * @param asText {@code @Schema(type = STRING)} on the field
   */
  record Documented(boolean asText) {

    static Documented of(BeanProperty property) {
      if (property == null || property.getMember() == null) {
        return null;
      }
      Schema schema = property.getAnnotation(Schema.class);
      Class<?> owner = property.getMember().getDeclaringClass();
      if (schema == null && (owner == null || !owner.isAnnotationPresent(Schema.class))) {
        return null;
      }
      return new Documented(schema != null && schema.type() == SchemaType.STRING);
    }
  }

  /**
   * A value Jackson could read but that is refused; {@link FieldErrors} words it for the client,
   * with the field's path.
   */
  static final class Refused extends InvalidFormatException {

    private final String violation;

    /**
     * @param violation what the client is told about the field, or {@code null} for {@link
     *     FieldErrors} to say what the field's type expects
     */
    Refused(JsonParser p, String reason, Object value, Class<?> type, String violation) {
      super(p, reason, value, type);
      this.violation = violation;
    }

    String violation() {
      return violation;
    }
  }
}

package io.tollgate.eventing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads CloudEvents from Kafka record values (structured JSON mode). */
@ApplicationScoped
public class CloudEvents {

  private final ObjectMapper mapper;

  CloudEvents(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Parses a record value into an envelope.
   *
   * @throws MalformedEventException when the value is not a CloudEvent this service can read
   */
  public CloudEvent parse(String value) {
    // Jackson refuses a null value with an IllegalArgumentException, which the inbox would take
    // for a passing failure and try again for seconds before setting the record aside
    if (value == null || value.isBlank()) {
      throw new MalformedEventException(
          value == null ? "not a CloudEvent: the record has no value" : "not a CloudEvent: blank");
    }
    CloudEvent event;
    try {
      event = mapper.readValue(value, CloudEvent.class);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("not a CloudEvent: " + abbreviate(value), e);
    }
    // the JSON literal null reads as no envelope at all
    if (event == null || event.id() == null || event.type() == null) {
      throw new MalformedEventException(
          "a CloudEvent needs an id and a type: " + abbreviate(value));
    }
    return event;
  }

  /**
   * Reads the event's data as {@code type}, ignoring fields the reader does not know. An event
   * without data ({@code data} absent or {@code null}, which CloudEvents allows) is malformed for
   * every reader that asks for it: set aside at once rather than tried again as if the failure
   * would pass.
   */
  public <T> T data(CloudEvent event, Class<T> type) {
    if (event.data() == null || event.data().isNull() || event.data().isMissingNode()) {
      throw new MalformedEventException(
          event.type() + " " + event.id() + " has no data to read as " + type.getSimpleName());
    }
    try {
      return mapper.treeToValue(event.data(), type);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException(
          "data of "
              + event.type()
              + " "
              + event.id()
              + " cannot be read as "
              + type.getSimpleName(),
          e);
    }
  }

  private static String abbreviate(String value) {
    return value == null || value.length() <= 200 ? value : value.substring(0, 200) + "…";
  }

  /** An event that cannot be read; it goes to the dead-letter topic rather than blocking others. */
  public static class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
      super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

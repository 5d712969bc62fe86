package io.tollgate.directory;

import io.tollgate.eventing.CloudEvent;

/**
 * Lets a service act on {@code project.events} besides the directory. The directory's consumer owns
 * the inbox of that topic (keyed on the event id alone), so a second consumer of it in the same
 * service would find every event already processed; instead, {@link ProjectEventConsumer} calls
 * every bean of this type for each event it accepts, after its own update and in the same
 * transaction, so one inbox row covers both and a redelivered event reaches neither again.
 *
 * <p>A service without such a bean is unaffected. An observer that throws refuses the event as the
 * directory's own update would: the transaction rolls back and the record is retried, then set
 * aside.
 */
public interface ProjectEventObserver {

  /**
   * @param event the accepted event (a {@code tollgate.project.*.v1} type)
   * @param recordValue the Kafka record's value as received: the envelope byte for byte
   */
  void observed(CloudEvent event, String recordValue);
}

package io.tollgate.notification.rest;

import io.tollgate.notification.service.EventCatalogue;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An entry of a subscription's eventTypes that is not one of notification-service's own events
 * (tollgate.notification.*): those go to Kafka consumers on notification.events and never reach a
 * subscription, so naming one is refused with that reason rather than accepted and never sent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
@Constraint(validatedBy = SubscribableEventType.Check.class)
public @interface SubscribableEventType {

  String message() default EventCatalogue.OWN_REFUSAL;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Refuses notification-service's own types and family; null is another constraint's. */
  class Check implements ConstraintValidator<SubscribableEventType, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return !EventCatalogue.own(value);
    }
  }
}

package io.tollgate.notification.rest;

import io.tollgate.notification.model.Audience;
import io.tollgate.notification.model.Channel;
import io.tollgate.notification.model.Digest;
import io.tollgate.notification.model.Severity;
import io.tollgate.notification.service.SubscriptionRules;
import io.tollgate.rest.CrossFieldRules;
import io.tollgate.rest.Lengths;
import io.tollgate.rest.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "SubscriptionCreate",
    description =
        "What to be told of, and how: a project (or every project, for ADMIN and PMO), event"
            + " types, a minimum severity and a channel",
    example =
        "{\"name\":\"CRM risks to our on-call\",\"projectId\":"
            + "\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"channel\":\"WEBHOOK\",\"url\":"
            + "\"https://hooks.example.com/tollgate\",\"eventTypes\":[\"tollgate.risk.*\","
            + "\"tollgate.milestone.updated.v1\"],\"minSeverity\":\"WARNING\"}")
public record SubscriptionCreate(
    @NotBlank @Size(max = SubscriptionRules.MAX_NAME, message = Lengths.REQUIRED) String name,
    @Schema(
            description =
                "The project whose events to receive (read access needed); left out: every"
                    + " project, which only ADMIN and PMO may ask for")
        UUID projectId,
    @NotNull @Schema(description = "How notifications reach you; cannot be changed later")
        Channel channel,
    @Size(max = SubscriptionRules.MAX_URL, message = Lengths.AT_MOST)
        @Schema(
            description =
                "WEBHOOK only, and required there: an absolute https URL (http where the"
                    + " deployment allows it) without user:password@ or #fragment")
        String url,
    @Size(max = SubscriptionRules.MAX_EMAIL, message = Lengths.AT_MOST)
        @Schema(description = "EMAIL only, and required there: the address to write to")
        String email,
    @Size(max = SubscriptionRules.MAX_EVENT_TYPES, message = Lengths.ITEMS)
        @Schema(
            description =
                "Exact types (tollgate.risk.assessed.v1) or families (tollgate.risk.*) from GET"
                    + " /api/v1/subscriptions/event-types; left out or empty: every type."
                    + " Duplicates are kept once")
        List<@NotNull @SubscribableEventType String> eventTypes,
    @Schema(description = "The least severity to be told of; INFO when left out")
        Severity minSeverity,
    @Schema(
            description =
                "Whose language the notifications speak; TECHNICAL for a WEBHOOK, BUSINESS"
                    + " otherwise when left out")
        Audience audience,
    @Schema(
            description =
                "IMMEDIATE when left out; HOURLY and DAILY gather an EMAIL subscription's"
                    + " notifications")
        Digest digest,
    @Schema(description = "Whether it receives anything; true when left out") Boolean active)
    implements CrossFieldRules {

  @Override
  public List<Problem.Violation> ruleViolations() {
    return SubscriptionRules.problems(
        channel,
        url,
        email,
        eventTypes,
        digest,
        SubscriptionRules.allowHttp(),
        SubscriptionRules.allowPrivateTargets());
  }
}

package io.tollgate.notification.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI schema of the subscriptions list's answer, its items typed. Documentation only. */
final class SubscriptionSchemas {

  private SubscriptionSchemas() {}

  @Schema(name = "SubscriptionPage", description = "One page of subscriptions")
  static final class Page {
    @Schema(required = true, description = "The page's items, in the list's stable order")
    public List<SubscriptionView> items;

    @Schema(required = true, description = "Zero-based page number")
    public int page;

    @Schema(required = true, description = "Requested page size")
    public int size;

    @Schema(required = true, description = "How many items match in all")
    public long totalItems;

    @Schema(required = true, description = "How many pages there are at this size")
    public int totalPages;
  }

  @Schema(
      name = "SubscriptionSecret",
      description = "A WEBHOOK subscription's signing secret, shown once")
  static final class Secret {
    @Schema(
        required = true,
        readOnly = true,
        description =
            "whsec_ and the base64 of 32 random bytes, the key of the webhook-signature"
                + " HMAC-SHA256 (Standard Webhooks). Keep it: it is never shown again; a lost one"
                + " is replaced with POST /api/v1/subscriptions/{id}/secret",
        example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3B3PjDC2bXU=")
    public String secret;
  }

  @Schema(
      name = "SubscriptionWithSecret",
      description =
          "The answer to a creation and to a rotation: the subscription and, for a WEBHOOK, its"
              + " signing secret (an INBOX or EMAIL subscription has none)",
      allOf = {SubscriptionView.class, Secret.class})
  static final class WithSecret {}
}

package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to find a submitted task again: provider, task id, route, quote, submit time
 * and the client reference. {@link #encode()} turns it into a short string that {@link
 * #decode(String)} reads back, so another process can resume waiting on it.
 *
 * @param clientReference the client reference sent with the create, or null
 * @param possibleExtraTasks how many earlier takes of this task's create were answered with a
 *     server error and then sent again blindly (the route takes no client reference to look them up
 *     by): each may have made a paid task of its own, which only the provider's dashboard shows; 0
 *     when the create needed no such resend
 */
public record JobHandle(
    String providerId,
    TaskId taskId,
    String model,
    PriceQuote quote,
    Instant submittedAt,
    String clientReference,
    int possibleExtraTasks)
    implements Serializable {
  /** The model of a handle resumed from a bare task id, which does not tell it. */
  public static final String UNKNOWN_MODEL = "unknown";


  private static final long serialVersionUID = 1L;
  private static final String PREFIX = "vg1.";

  /**
   * A handle as given; every component but {@code clientReference} must not be null.
   *
   * @throws IllegalArgumentException when {@code possibleExtraTasks} is negative
   */
  public JobHandle {
    Objects.requireNonNull(providerId, "providerId == null");
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(quote, "quote == null");
    Objects.requireNonNull(submittedAt, "submittedAt == null");
    if (possibleExtraTasks < 0) {
      throw new IllegalArgumentException("possibleExtraTasks must be 0 or more, was " + possibleExtraTasks);
    }
  }

  /** A handle whose create needed no blind resend (the form before {@code possibleExtraTasks} existed). */
  public JobHandle(String providerId, TaskId taskId, String model, PriceQuote quote, Instant submittedAt,
      String clientReference) {
    this(providerId, taskId, model, quote, submittedAt, clientReference, 0);
  }

  /** The client reference, when one was sent. */
  public Optional<String> reference() {
    return Optional.ofNullable(clientReference);
  }

  /** A short, URL-safe string holding this handle, such as {@code vg1.cHJvdmlkZXI9...}. */
  public String encode() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("p", providerId);
    fields.put("t", taskId.value());
    fields.put("m", model);
    fields.put("s", submittedAt.toString());
    if (quote.isKnown()) {
      fields.put("u", quote.usd().toPlainString());
    }
    fields.put("b", quote.basis());
    if (clientReference != null) {
      fields.put("r", clientReference);
    }
    if (possibleExtraTasks > 0) {
      fields.put("x", Integer.toString(possibleExtraTasks)); // absent when 0, as in handles made before it existed
    }
    StringBuilder text = new StringBuilder();
    fields.forEach(
        (key, value) -> {
          if (text.length() > 0) {
            text.append('&');
          }
          text.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return PREFIX
        + Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a handle made by {@link #encode()}, by this version or an earlier one (a handle without
   * {@code possibleExtraTasks} reads as 0).
   *
   * @throws IllegalArgumentException when the text is not such a handle
   */
  public static JobHandle decode(String encoded) {
    Objects.requireNonNull(encoded, "encoded == null");
    if (!encoded.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a vidgen job handle (it starts with " + PREFIX + "): " + encoded);
    }
    try {
      String text =
          new String(Base64.getUrlDecoder().decode(encoded.substring(PREFIX.length())), StandardCharsets.UTF_8);
      Map<String, String> fields = new LinkedHashMap<>();
      for (String pair : text.split("&")) {
        int eq = pair.indexOf('=');
        fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      String model = required(fields, "m");
      String basis = fields.getOrDefault("b", "");
      PriceQuote quote =
          fields.containsKey("u")
              ? PriceQuote.ofUsd(model, new BigDecimal(fields.get("u")), basis)
              : PriceQuote.unknown(model, basis);
      return new JobHandle(
          required(fields, "p"),
          TaskId.of(required(fields, "t")),
          model,
          quote,
          Instant.parse(required(fields, "s")),
          fields.get("r"),
          fields.containsKey("x") ? Integer.parseInt(fields.get("x")) : 0);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a readable vidgen job handle: " + encoded, e);
    }
  }

  /**
   * The handle {@code text} encodes; empty when it is none, such as a task id (one may start with
   * {@code vg1.} too, since task ids are opaque).
   */
  public static java.util.Optional<JobHandle> tryDecode(String text) {
    Objects.requireNonNull(text, "text == null");
    if (!text.startsWith(PREFIX)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(decode(text));
    } catch (IllegalArgumentException notAHandle) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Whether {@code text} is an encoded handle cut short or changed: it does not decode, yet after
   * {@code vg1.} it is nothing, or starts as a handle's text does (its first field, in any case), whatever
   * follows (a space a line wrap put in, padding, a character changed). Such text is no task id a provider
   * would answer with, which may otherwise start with {@code vg1.}.
   */
  public static boolean damaged(String text) {
    Objects.requireNonNull(text, "text == null");
    if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || tryDecode(text).isPresent()) {
      return false;
    }
    String rest = text.substring(PREFIX.length());
    // Every handle's text starts with "p=" (its provider), which base64url spells "cD".
    return rest.isBlank() || rest.regionMatches(true, 0, "cD", 0, 2);
  }

  private static String required(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException("handle lacks field " + key);
    }
    return value;
  }
}

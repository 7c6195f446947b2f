package dev.vidgen.provider.toapis;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.provider.toapis.internal.Json;
import dev.vidgen.provider.toapis.internal.TaskSnapshots;
import dev.vidgen.provider.toapis.internal.UnreadableResponseException;
import dev.vidgen.provider.toapis.internal.WebhookEventDto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies and reads ToAPIs webhook deliveries. A delivery is genuine when one of the
 * {@code v1=} signatures in {@value #SIGNATURE_HEADER} (two are sent for a day after a secret
 * rotation) is the hex HMAC-SHA256, under your secret, of {@code id + "." + timestamp + "." +
 * rawBody}, and its timestamp is within the tolerance (300 s) of now. Deliveries come at least
 * once: a verified id seen before is reported as a {@link Outcome#DUPLICATE}, from a bounded
 * memory of recent ids. Thread-safe.
 */
public final class ToApisWebhooks {
  /** The delivery id header ({@code evt_…}). */
  public static final String ID_HEADER = "X-ToAPIs-Webhook-Id";
  /** The Unix-seconds timestamp header. */
  public static final String TIMESTAMP_HEADER = "X-ToAPIs-Webhook-Timestamp";
  /** The signature header: {@code v1=<hex>[,v1=<hex>]}. */
  public static final String SIGNATURE_HEADER = "X-ToAPIs-Webhook-Signature";
  /** How far a timestamp may be from now, by default. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  private static final String ALGORITHM = "HmacSHA256";

  private final List<byte[]> secrets;
  private final Duration tolerance;
  private final Clock clock;
  private final Map<String, Boolean> seen;

  private ToApisWebhooks(Builder builder) {
    this.secrets = List.copyOf(builder.secrets);
    this.tolerance = builder.tolerance;
    this.clock = builder.clock;
    int capacity = builder.rememberedIds;
    this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** A verifier for the endpoint secret set in the ToAPIs console, with the defaults. */
  public static ToApisWebhooks create(String secret) {
    return builder(secret).build();
  }

  /** A builder for the endpoint secret {@code secret}. */
  public static Builder builder(String secret) {
    return new Builder(secret);
  }

  /**
   * Checks a delivery from its HTTP headers (names in any case; values as strings or lists) and
   * its body exactly as received. A verified id is remembered, so its next delivery is a
   * duplicate.
   */
  public Verification verify(Map<String, ?> headers, byte[] rawBody) {
    Objects.requireNonNull(headers, "headers == null");
    return verify(header(headers, ID_HEADER), header(headers, TIMESTAMP_HEADER),
        header(headers, SIGNATURE_HEADER), rawBody);
  }

  /** Checks a delivery from the values of its three headers and its raw body. */
  public Verification verify(String id, String timestamp, String signatures, byte[] rawBody) {
    Objects.requireNonNull(rawBody, "rawBody == null");
    // Before the signature is checked, the id and the timestamp are anyone's text: shown cleaned and cut short.
    if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
      return new Verification(Outcome.MISSING_HEADERS, shown(id),
          "a delivery carries " + ID_HEADER + ", " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER);
    }
    Instant sentAt;
    try {
      sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return new Verification(Outcome.BAD_TIMESTAMP, shown(id), "the timestamp is not Unix seconds: " + shown(timestamp));
    }
    Duration offset = Duration.between(sentAt, clock.instant()).abs();
    if (offset.compareTo(tolerance) > 0) {
      return new Verification(Outcome.STALE, shown(id), "the timestamp is " + offset.toSeconds()
          + " s from now; at most " + tolerance.toSeconds() + " s is accepted");
    }
    if (!signatureMatches(id.strip(), timestamp.strip(), signatures, rawBody)) {
      return new Verification(Outcome.BAD_SIGNATURE, shown(id), "no v1 signature matches the secret");
    }
    boolean first;
    synchronized (seen) {
      first = seen.putIfAbsent(id.strip(), Boolean.TRUE) == null;
    }
    return first
        ? new Verification(Outcome.ACCEPTED, id.strip(), "verified")
        : new Verification(Outcome.DUPLICATE, id.strip(), "verified, but this id was delivered before");
  }

  /** Text of a delivery not yet verified, or of its body, as it may be shown and logged: cleaned, at most 200 characters. */
  private static String shown(String text) {
    return text == null ? null : SafeText.clip(SafeText.clean(text), 200);
  }

  /**
   * Forgets a delivery id, so that a redelivery is accepted again; call it when handling a
   * verified delivery failed and you answer with an error so that ToAPIs retries.
   */
  public boolean forget(String eventId) {
    synchronized (seen) {
      return seen.remove(eventId) != null;
    }
  }

  /**
   * Reads a delivery's body (verify it first): the event and, for task events, the same
   * {@link TaskSnapshot} that polling the task gives.
   *
   * @throws IllegalArgumentException when the body is not a ToAPIs webhook event
   */
  public static Event parse(byte[] rawBody) {
    Objects.requireNonNull(rawBody, "rawBody == null");
    String text = new String(rawBody, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark: the signature covers it, and it hides no JSON
    }
    WebhookEventDto event;
    try {
      event = Json.moshi().adapter(WebhookEventDto.class).fromJson(text);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a ToAPIs webhook event (unreadable JSON): " + e.getMessage(), e);
    }
    if (event == null || isBlank(event.id()) || isBlank(event.type())) {
      throw new IllegalArgumentException("not a ToAPIs webhook event: it needs an id and a type");
    }
    String id = shown(event.id());
    String type = shown(event.type());
    boolean aboutATask = event.type().strip().startsWith("generation.");
    if (event.data() == null || isBlank(event.data().taskId())) {
      if (aboutATask) {
        // A task's event that names no task would be answered 2xx and its result lost without a trace.
        throw new IllegalArgumentException("webhook " + id + " (" + type + ") names no data.task_id");
      }
      return new Event(id, type, null, null, null);
    }
    try {
      TaskSnapshot task = TaskSnapshots.fromWebhook(event.data());
      checkEnding(event.type().strip(), task, event.data().status(), id, type);
      return new Event(id, type, task, shown(event.data().clientBusinessId()), task.model());
    } catch (UnreadableResponseException e) {
      throw new IllegalArgumentException("webhook " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * A task's final event whose type and status disagree ({@code generation.failed} with {@code SUCCESS}),
   * or whose status is a word not known, is refused: either reading would act on a guess.
   */
  private static void checkEnding(String rawType, TaskSnapshot task, String rawStatus, String id, String type) {
    TaskStatus expected = switch (rawType) {
      case "generation.completed" -> TaskStatus.COMPLETED;
      case "generation.failed" -> TaskStatus.FAILED;
      default -> null;
    };
    if (expected != null && task.status() != expected) {
      String status = isBlank(rawStatus) ? "no status" : "status " + shown(rawStatus);
      throw new IllegalArgumentException("webhook " + id + " (" + type + ") says " + status
          + ": a " + type + " event needs status " + (expected == TaskStatus.COMPLETED ? "SUCCESS" : "FAILURE"));
    }
  }

  /**
   * Verifies and reads a delivery in one step.
   *
   * @return the event, or empty for a verified duplicate (answer 2xx and do nothing)
   * @throws RejectedDeliveryException when the delivery is not genuine (answer 4xx)
   */
  public Optional<Event> receive(Map<String, ?> headers, byte[] rawBody) {
    Verification verification = verify(headers, rawBody);
    if (verification.outcome() == Outcome.DUPLICATE) {
      return Optional.empty();
    }
    if (verification.outcome() != Outcome.ACCEPTED) {
      throw new RejectedDeliveryException(verification);
    }
    try {
      return Optional.of(parse(rawBody));
    } catch (IllegalArgumentException e) {
      forget(verification.eventId());
      throw e;
    }
  }

  @Override
  public String toString() {
    return "ToApisWebhooks[" + secrets.size() + " secret(s), tolerance " + tolerance.toSeconds() + " s]";
  }

  private boolean signatureMatches(String id, String timestamp, String header, byte[] rawBody) {
    List<byte[]> offered = new ArrayList<>();
    for (String part : header.split("[,\\s]+")) {
      if (part.startsWith("v1=")) {
        try {
          offered.add(HexFormat.of().parseHex(part.substring(3).strip().toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException notHex) {
          // an unreadable signature matches nothing
        }
      }
    }
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] secret : secrets) {
      byte[] expected = hmac(secret, prefix, rawBody);
      for (byte[] candidate : offered) {
        match |= MessageDigest.isEqual(expected, candidate);
      }
    }
    return match;
  }

  private static byte[] hmac(byte[] secret, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      mac.update(prefix);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static String header(Map<String, ?> headers, String name) {
    for (Map.Entry<String, ?> entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
        Object value = entry.getValue();
        if (value instanceof Collection<?> values) {
          return values.isEmpty() ? null : String.join(",", values.stream().map(String::valueOf).toList());
        }
        return value == null ? null : value.toString();
      }
    }
    return null;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  /** What {@link #verify} found. */
  public enum Outcome {
    /** Genuine and new: handle it. */
    ACCEPTED,
    /** Genuine, but this id was verified before: answer 2xx and skip it. */
    DUPLICATE,
    /** One of the three headers is missing. */
    MISSING_HEADERS,
    /** The timestamp is not a number of seconds. */
    BAD_TIMESTAMP,
    /** The timestamp is further from now than the tolerance (a replay, or a wrong clock). */
    STALE,
    /** No signature matches the secret: not from ToAPIs, altered, or the wrong secret. */
    BAD_SIGNATURE
  }

  /**
   * The result of a verification.
   *
   * @param eventId the delivery id: as sent when verified (for {@link #forget}); cleaned and cut short
   *     otherwise, as anyone may have sent it; null when missing
   * @param reason a sentence for logs; never contains the secret
   */
  public record Verification(Outcome outcome, String eventId, String reason) {
    /** Whether the delivery is genuine and new. */
    public boolean accepted() {
      return outcome == Outcome.ACCEPTED;
    }
  }

  /**
   * A webhook event.
   *
   * @param id the event's id, as the body gives it (cleaned: control and invisible characters escaped, keys masked)
   * @param type {@code generation.completed}, {@code generation.failed} or {@code endpoint.test} (cleaned too)
   * @param task the task as polling would report it; null for events about no task
   * @param clientReference the {@code client_business_id} of the task (cleaned), or null
   * @param model the model id (cleaned), or null
   */
  public record Event(String id, String type, TaskSnapshot task, String clientReference, String model) {
    /** The task, for task events. */
    public Optional<TaskSnapshot> snapshot() {
      return Optional.ofNullable(task);
    }
  }

  /** A delivery failed verification; answer it with a 4xx. */
  public static final class RejectedDeliveryException extends VidgenException {
    private static final long serialVersionUID = 1L;

    private final transient Verification verification;

    RejectedDeliveryException(Verification verification) {
      super("rejected ToAPIs webhook delivery " + verification.eventId() + ": " + verification.outcome()
          + " (" + verification.reason() + ")");
      this.verification = verification;
    }

    /**
     * The failed verification: its outcome, the delivery id and why; null after deserialization (it is
     * not serialized).
     */
    public Verification verification() {
      return verification;
    }

    @Override
    public String docsAnchor() {
      return "webhook-rejected";
    }
  }

  /** Builds a {@link ToApisWebhooks}; not thread-safe. */
  public static final class Builder {
    private final List<byte[]> secrets = new ArrayList<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();
    private int rememberedIds = 10_000;

    private Builder(String secret) {
      addSecret(secret);
    }

    /** Also accepts signatures under {@code secret}, for your own rotation of endpoint secrets. */
    public Builder addSecret(String secret) {
      Objects.requireNonNull(secret, "secret == null");
      if (secret.isBlank()) {
        throw new IllegalArgumentException("the webhook secret is blank; copy it from the ToAPIs console");
      }
      // As read from a file or a variable it often ends in a line break, which no secret of the console holds.
      secrets.add(secret.strip().getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** How far a delivery's timestamp may be from now (300 s by default). */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance == null");
      if (tolerance.isNegative()) {
        throw new IllegalArgumentException("tolerance must not be negative: " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /** The clock timestamps are compared with. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** How many recent delivery ids to remember for spotting duplicates (10,000 by default). */
    public Builder rememberedIds(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("rememberedIds must be at least 1, not " + count);
      }
      this.rememberedIds = count;
      return this;
    }

    /** The verifier, with these secrets and settings. */
    public ToApisWebhooks build() {
      return new ToApisWebhooks(this);
    }
  }
}

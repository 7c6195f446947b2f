package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.text.SafeText;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Headers;

/**
 * Maps every way a ToAPIs call can fail to the core's exceptions: HTTP errors by status (400
 * rejected, 401/403 authentication, 402 quota, 404 not found, 422 content policy, 429 rate
 * limited, 500 server error, 503 unavailable; an upload's 413 says the size limits), unreadable
 * answers, and network failures by whether the request had left. A create answered by a
 * gateway's error (502, 504, or a 5xx that is not ToAPIs' JSON) is ambiguous: the task may exist.
 * Never lets the API key into a message.
 */
public final class ErrorMapper {
  /** The provider id errors carry. */
  public static final String PROVIDER_ID = "toapis";
  /** The most of a server's message shown (a page of text; the rest is counted, not shown). */
  static final int MESSAGE_CHARS = 1_000;
  /** The most of a server's code, status word or request id shown. */
  static final int WORD_CHARS = 100;

  private final ApiKey apiKey;
  private final Clock clock;
  private final String baseUrl;
  private final NoAnswer waits;

  /** With the {@code waits} a sent request had, which a timeout's message names. */
  public ErrorMapper(ApiKey apiKey, Clock clock, String baseUrl, NoAnswer waits) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
    this.waits = Objects.requireNonNull(waits, "waits == null");
  }

  /** An answer with a status outside 2xx. */
  public ProviderException fromAnswer(
      CallContext context, int status, String reason, Headers headers, String contentType, String body) {
    // Masked before an excerpt is cut from it: a cut key would be past the masks' reach in part.
    ErrorBody error = ErrorBody.parse(body, contentType, status, reason,
        text -> SafeText.mask(apiKey.maskIn(text), List.of(apiKey.reveal())));
    FailureKind kind = kindOf(context, status, error.code());
    String message = error.message();
    if (status == 404 && kind == FailureKind.REJECTED && !namesAModel(message)) {
      // A 404 whose words name a model ("not found or not available for this key") came from the API itself,
      // so the base URL is right and the hint would contradict the provider.
      message = message + " (no such endpoint: is the base URL " + baseUrl + " right?)";
    }
    String refusedRedirect = headers.get(ResultRedirects.REFUSED);
    if (context.operation() == Operation.DOWNLOAD && refusedRedirect != null
        && ResultRedirects.REASONS.contains(refusedRedirect)) {
      // A result link carries no key and its task still exists: it is out of reach, and a fresh status may mend it.
      String location = headers.get("Location");
      ProviderErrorDetails details = details(context, status, ProviderErrorDetails.REDIRECT_NOT_FOLLOWED, "the result link redirects"
          + shown(location) + ", which vidgen does not follow: "
          + refusedRedirect + "; read the task's status again for a fresh link", headers);
      return ProviderException.of(FailureKind.NOT_FOUND, details, null);
    }
    if (status >= 300 && status < 400) {
      String location = headers.get("Location");
      message = message + " (a redirect" + shown(location)
          + ": vidgen follows no redirect of an API call, which would take the request and the key elsewhere;"
          + " if the API moved, set the base URL to its new address)";
      if (context.operation() == Operation.READ && context.taskId() != null) {
        // The task exists and may be paid for: a read sent elsewhere is the server's failure, not a refused job.
        kind = FailureKind.SERVER_ERROR;
      }
    }
    if (context.operation() == Operation.UPLOAD && status == 413) {
      // Often a proxy's HTML page, which says nothing of the limits.
      message = "the file is too large to upload (" + message + "); ToAPIs takes images of at most 10 MB and videos"
          + " of at most 50 MB";
    }
    if (context.operation() == Operation.DOWNLOAD && isGoneLink(status)) {
      // A result link carries no key: 401/403 cannot mean a wrong key, and the task still exists.
      kind = FailureKind.NOT_FOUND;
      message = "the result link answered HTTP " + status + " (" + message
          + "): the file is gone or not reachable; read the task's status again for a fresh link";
    }
    // A file server's own code (its "authentication_error" for a 401) is not vidgen's to pass on as the task's.
    String code = context.operation() == Operation.DOWNLOAD && isGoneLink(status) ? ProviderErrorDetails.RESULT_LINK_GONE
        : error.code();
    ProviderErrorDetails details = details(context, status, code, message, headers);
    if (context.operation() == Operation.CREATE && isGatewayError(status, body)) {
      String what = status == 504 ? "a gateway timed out waiting for ToAPIs"
          : "a gateway answered HTTP " + status + " instead of ToAPIs";
      return ambiguous(context, details.withRetryAfter(null), what, null);
    }
    return ProviderException.of(kind, details, null);
  }

  /**
   * Whether a server error came from a gateway in front of ToAPIs rather than from ToAPIs itself:
   * a 502 or 504, or any 5xx whose body is not ToAPIs' error JSON ({@code {"error": {"code": …}}}): an HTML
   * page, plain text, nothing, or another server's JSON such as {@code {"message": "Internal server
   * error"}}. The request may have reached ToAPIs and made a task before the gateway gave up.
   */
  static boolean isGatewayError(int status, String body) {
    if (status == 502 || status == 504) {
      return true;
    }
    // ToAPIs' error always names its code (an int in the gateway's shape, a word in the limiter's).
    return status >= 500 && !(Json.readAny(body).orElse(null) instanceof Map<?, ?> map
        && map.get("error") instanceof Map<?, ?> error && error.get("code") != null);
  }

  /** A 2xx answer that says the call failed, such as {@code {"success":false,"message":…}}. */
  public ProviderException refused(CallContext context, int status, Headers headers, String code, String message) {
    return ProviderException.of(FailureKind.REJECTED, details(context, status, code, message, headers), null);
  }

  /**
   * A create's (an extend's, a remix's) 2xx answer in ToAPIs' refusal shape, {@code {"success": false,
   * "message": …}}, naming no task id: the server made nothing, so it is refused as a 400 is, in the
   * server's words (made safe and cut short before they are quoted).
   */
  public ProviderException createRefused(CallContext context, int status, Headers headers, Object message) {
    String said = message == null ? "" : SafeText.clip(scrub(Lenient.text(message).strip()), MESSAGE_CHARS - 200);
    return refused(context, status, headers, null, "the provider refused the request (its answer says success:"
        + " false and names no task id, so no task was made)" + (said.isEmpty() ? "; it gave no reason"
            : ": \"" + said + "\""));
  }

  /**
   * An account endpoint's refusal of {@code what} ({@code {"success": false, "message": …}}, which
   * ToAPIs sends with HTTP 200 for any failure there): an authentication failure only when its
   * words clearly say the key is refused; else the provider's refusal in its words, a server error
   * (a read, so retried as one).
   */
  public ProviderException accountRefused(CallContext context, int status, Headers headers, String what, String message) {
    String said = message == null || message.isBlank() ? "" : message.strip();
    if (KEY_REFUSED.matcher(said).find()) {
      return ProviderException.of(FailureKind.AUTHENTICATION, details(context, status, null, said, headers), null);
    }
    String text = "the provider refused to give " + what + " (HTTP " + status + ", success: false"
        + (said.isEmpty() ? ", no reason given" : ": \"" + SafeText.clip(scrub(said), MESSAGE_CHARS - 200) + "\"")
        + "); it did not say that the key is wrong";
    return ProviderException.of(FailureKind.SERVER_ERROR,
        details(context, status, dev.vidgen.core.error.ProviderErrorDetails.ACCOUNT_REFUSED, text, headers), null);
  }

  /** Words that say the key itself is refused (ToAPIs also answers in Chinese: invalid, expired or disabled token). */
  private static final java.util.regex.Pattern KEY_REFUSED = java.util.regex.Pattern.compile(
      "\\b(invalid|expired|disabled|revoked|wrong|incorrect|unknown|missing|bad)"
          + "(\\s*(,|/|or|and)\\s*(invalid|expired|disabled|revoked|wrong|incorrect|unknown|missing|bad))*"
          + "\\s+(api[ _-]?|access\\s+|bearer\\s+)?(key|token)\\b"
          + "|\\bno\\s+(api[ _-]?|access\\s+|bearer\\s+)?(key|token)\\s+(given|provided|supplied|sent)"
          + "|\\b(api[ _-]?)?(key|token)\\s+(is\\s+|has\\s+been\\s+)?(invalid|expired|disabled|revoked|missing|required|not found|not valid)"
          + "|unauthori[sz]ed|unauthenticated|authentication failed|无效的令牌|令牌已过期|令牌已被禁用|令牌已失效",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  /** A 2xx answer whose body could not be read; for a create, the task may exist. */
  public ProviderException fromUnreadable(
      CallContext context, int status, Headers headers, UnreadableResponseException problem) {
    String message = problem.getMessage()
        + (problem.snippet().isEmpty() ? "" : "; the answer began: " + problem.snippet());
    if (context.operation() == Operation.CREATE) {
      return ambiguous(context, details(context, status, null, message, headers), "its answer could not be read",
          problem);
    }
    // Too large is the same on every try: marked so, it is not read again (the message says which setting raises it).
    // An answer holding the key is too, and each try would send the key (and an upload's file) to that server again.
    // So is an upload's link that is no absolute http(s) URL, and each try would store the file again.
    ProviderErrorDetails details = details(context, status, problem.tooLarge() ? ProviderErrorDetails.ANSWER_TOO_LARGE
        : problem.holdsKey() ? ProviderErrorDetails.ANSWER_HOLDS_KEY
        : problem.unusableLink() ? ProviderErrorDetails.ANSWER_LINK_UNUSABLE : null, message, headers);
    // A garbled answer (not JSON, or cut short) is no answer, and passes as an outage does; JSON that
    // says something unusable (a completed task naming no video) is the server's error.
    return ProviderException.of(problem.garbled() ? FailureKind.NO_RESPONSE : FailureKind.SERVER_ERROR, details,
        problem);
  }

  /**
   * A call without a complete answer. Before the request left this is a connection failure (safe
   * to repeat); after, a create is ambiguous and anything else has no response.
   */
  public ProviderException fromFailure(CallContext context, CallTrace trace, Throwable failure) {
    ResultAddressRefused refusedHost = ResultAddressRefused.in(failure);
    if (context.operation() == Operation.DOWNLOAD && refusedHost != null) {
      // Not a failure to connect, which would be retried: the same link is refused every time, and nothing was sent.
      return ProviderException.of(FailureKind.REJECTED, details(context, 0,
          ProviderErrorDetails.RESULT_LINK_REFUSED, refusedHost.getMessage(), null), failure);
    }
    ProxyRefused proxyRefused = ProxyRefused.in(failure);
    if (proxyRefused != null) {
      // The proxy's 407 comes again on every try until credentials are given: not retried, and said as the proxy's.
      return ProviderException.of(FailureKind.REJECTED, details(context, 407,
          ProviderErrorDetails.PROXY_AUTHENTICATION, proxyRefused.getMessage(), null), failure);
    }
    if (failure instanceof UnreadableResponseException unreadable && trace.answered()) {
      return fromUnreadable(context, trace.status(), trace.headers(), unreadable);
    }
    if (!trace.sent()) {
      // Said in words (which address refused or did not answer), not by the exception's class name.
      ConnectTrouble why = ConnectTrouble.of(failure, trace,
          context.operation() == Operation.DOWNLOAD ? null : baseAddress());
      ProviderErrorDetails details = details(context, 0, why.code(), "could not connect: " + why.words(), null);
      return ProviderException.of(FailureKind.CONNECT_FAILED, details, failure);
    }
    // Said in words (how long it waited), not by the exception's class name, which stays the chained cause for logs.
    String what = waits.why(context.operation(), trace.answered(), trace.bodyCutShort(), failure);
    boolean timedOut = failure instanceof java.io.InterruptedIOException;
    String message = timedOut && !trace.answered() ? what
        : (trace.answered() ? "the answer broke off: " : "no answer: ") + what;
    if (context.operation() == Operation.CREATE) {
      if (timedOut && !trace.answered()) {
        String waited = what.replace("no answer", "no answer came").replace(" after the request was sent", "");
        return ambiguous(context, details(context, trace.status(), null, "", trace.headers()), waited, failure);
      }
      return ambiguous(context, details(context, trace.status(), null, what, trace.headers()),
          trace.answered() ? "its answer broke off" : "no answer came", failure);
    }
    ProviderErrorDetails details = details(context, trace.status(), null, message, trace.headers());
    return ProviderException.of(FailureKind.NO_RESPONSE, details, failure);
  }

  /**
   * Where a redirect goes, said as " to ADDRESS"; an address that holds the key in any form (percent-encoded,
   * in another case) is not shown at all, since masking it as written could leave it one decoding away.
   */
  private String shown(String location) {
    if (location == null) {
      return "";
    }
    return carriesKey(location) ? " to an address that holds the API key (not shown)"
        : " to " + SafeText.clip(scrub(SafeText.withoutUserInfo(location)), 200);
  }

  /**
   * {@code text} made safe to show: the API key and anything shaped like a key masked, control
   * characters escaped.
   */
  public String scrub(String text) {
    return SafeText.clean(text, List.of(apiKey.reveal()), apiKey::maskIn);
  }

  /**
   * Whether {@code text} holds the configured API key, or its secret part without {@code sk-} ({@link
   * SafeText#secretPart}), as it is or percent-encoded (as a URL may carry it), in any case.
   */
  public boolean carriesKey(String text) {
    return carriesKey(apiKey, text);
  }

  /** {@link #carriesKey(String)} for {@code apiKey}: {@link ApiKey#isIn}. */
  public static boolean carriesKey(ApiKey apiKey, String text) {
    return apiKey.isIn(text);
  }

  private static boolean isGoneLink(int status) {
    return status == 401 || status == 403 || status == 404 || status == 410;
  }

  private AmbiguousSubmitException ambiguous(
      CallContext context, ProviderErrorDetails details, String what, Throwable cause) {
    String reference = context.clientReference();
    // What happened only: the exception's type says that the task may exist, and the client that
    // meets it says once what it did about it and where to look (the reference, the dashboard).
    // After a colon, not in parentheses: the client quotes this message in parentheses of its own.
    String said = details.message().isBlank() ? "" : ": " + details.message();
    String message = scrub("the create request was sent but " + what + said);
    ProviderErrorDetails ambiguous = new ProviderErrorDetails(
        details.providerId(), details.httpStatus(), details.code(), message, details.requestId(),
        details.retryAfter(), details.rateLimit(), details.taskId());
    return new AmbiguousSubmitException(ambiguous, reference, cause);
  }

  private ProviderErrorDetails details(
      CallContext context, int status, String code, String message, Headers headers) {
    Map<String, String> rateLimit = ResponseHeaders.rateLimit(headers);
    String text = SafeText.clip(scrub(message), MESSAGE_CHARS);
    // An extend or remix names the task it starts from, not a task of its own: said as such, never as "the task".
    boolean followOn = context.operation() == Operation.CREATE && context.taskId() != null;
    if (followOn) {
      text = (text.isBlank() ? "" : text + " ") + "(source task " + context.taskId().value() + ")";
    }
    return new ProviderErrorDetails(
        PROVIDER_ID, status, SafeText.clip(scrub(code), WORD_CHARS), text,
        SafeText.clip(scrub(ResponseHeaders.requestId(headers)), WORD_CHARS),
        ResponseHeaders.retryAfter(headers, clock.instant()), rateLimit, followOn ? null : context.taskId());
  }

  static FailureKind kindOf(CallContext context, int status, String code) {
    String word = Lenient.word(code);
    if (status == 429) {
      return FailureKind.RATE_LIMITED;
    }
    if (status >= 400 && status < 500) {
      if (status == 402 || word.equals("insufficient_quota")) {
        return FailureKind.INSUFFICIENT_QUOTA;
      }
      if (status == 422 || word.equals("content_policy_violation")) {
        return FailureKind.CONTENT_POLICY;
      }
    }
    if (status == 503 && context.operation() == Operation.CREATE
        && !word.equals(ThrottleSignals.SUBMITS_UNAVAILABLE)) {
      // Only the limiter's pause (rate_limit_unavailable) says that nothing was made; any other 503 on a create is a
      // server error, which may have made its task, so it is never sent again as if it had not been.
      return FailureKind.SERVER_ERROR;
    }
    return switch (status) {
      case 401, 403 -> FailureKind.AUTHENTICATION;
      case 404, 410 -> isLookup(context) ? FailureKind.NOT_FOUND : FailureKind.REJECTED;
      case 408, 503 -> FailureKind.UNAVAILABLE;
      default -> status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.REJECTED;
    };
  }

  /** Whether the provider's words are about a model, such as one this key may not use. */
  private static boolean namesAModel(String message) {
    return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("model");
  }

  /** Whether a 404 means "no such task or file" rather than "no such endpoint". */
  private static boolean isLookup(CallContext context) {
    return context.operation() == Operation.DOWNLOAD
        || (context.operation() == Operation.READ && (context.taskId() != null || context.clientReference() != null))
        || (context.operation() == Operation.CREATE && context.taskId() != null); // issue 11: extend/remix of a task
  }

  /** The base URL's {@code host:port}, which a failure to connect to it names; null when it cannot be read. */
  private String baseAddress() {
    okhttp3.HttpUrl url = baseUrl == null ? null : okhttp3.HttpUrl.parse(baseUrl);
    return url == null ? null : url.host() + ":" + url.port();
  }
}

package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A job's {@code callback_url} parameter: ToAPIs delivers webhooks over HTTPS only, to the scheme, host
 * and port set up for the token, so anything else is refused by it (a 400, nothing made) and is told
 * here before anything is sent.
 */
public final class CallbackUrl {
  static final String PARAM = "callback_url";

  private CallbackUrl() {}

  /** The problem with {@code job}'s callback URL, if it has one that is not an absolute https URL with a host. */
  public static List<Violation> find(VideoJob job) {
    if (!job.params().containsKey(PARAM)) {
      return List.of();
    }
    Object value = job.params().get(PARAM);
    String text = value instanceof String string ? string.strip() : null;
    URI uri = null;
    try {
      uri = text == null ? null : new URI(text);
    } catch (java.net.URISyntaxException unreadable) {
      // told below
    }
    boolean https = uri != null && uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
        && uri.getHost() != null;
    if (https) {
      return List.of();
    }
    String shown = !(value instanceof String string) ? String.valueOf(value)
        : dev.vidgen.core.text.SafeText.holdsKeyShape(string) ? "(not shown: it holds something shaped like a key)"
        : dev.vidgen.core.text.SafeText.clip(dev.vidgen.core.text.SafeText.clean(string), 80);
    return List.of(Violation.error("params." + PARAM, ViolationCodes.PARAM_URL_SCHEME, shown,
        "an https URL with a host, such as https://example.com/hooks/vidgen",
        "params." + PARAM + ": ToAPIs delivers webhooks over HTTPS only, to the host set up for the token in its"
            + " console; " + shown + " would be refused"));
  }
}

package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;
import java.util.regex.Pattern;

/** HTTP 400 or another 4xx: the provider rejected the request as sent. Fix it; never retried blindly. */
public final class RequestRejectedException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;
  private static final Pattern MODEL_REFUSED = Pattern.compile("\\bmodel\\b[^;\\n]{0,120}?(not found|not available"
      + "|unavailable|does not exist|doesn't exist|not exist|no access)|no available channels? for (the )?model",
      Pattern.CASE_INSENSITIVE);

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public RequestRejectedException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  /**
   * Whether the provider's words say that the model is unknown to it or not available to this key
   * (such as "model X not found or not available for this key"): then another model, not another
   * setting, is the way on.
   */
  public boolean refusesModel() {
    return "model_not_found".equalsIgnoreCase(details().code()) || MODEL_REFUSED.matcher(details().message()).find();
  }

  @Override
  public FailureKind kind() {
    return FailureKind.REJECTED;
  }

  @Override
  public String docsAnchor() {
    return "request-rejected";
  }
}

package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;
import java.util.regex.Pattern;

/** HTTP 400 or another 4xx: the provider rejected the request as sent. Fix it; never retried blindly. */
public final class RequestRejectedException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;
  /**
   * "model X not found", "model `X` is not available ...", "model does not exist": the refusal words
   * right after the model (and its name), so that "model X: image_with_roles not available in text
   * mode" (a parameter) or "no available channel for model X" (a passing outage) do not count.
   */
  private static final Pattern MODEL_REFUSED = Pattern.compile("\\bmodel(\\s+[`'\"]?[\\w.:/-]+[`'\"]?)?\\s+(is\\s+)?"
      + "(not found|not available|unavailable|does not exist|doesn't exist|not exist)",
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

  /**
   * {@link #refusesModel()} of {@code model} itself: the provider's code says so, or its words name
   * that model; only then is the model's availability worth doubting.
   */
  public boolean refusesModel(String model) {
    return "model_not_found".equalsIgnoreCase(details().code())
        || refusesModel() && details().message().toLowerCase(java.util.Locale.ROOT)
            .contains(model.toLowerCase(java.util.Locale.ROOT));
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

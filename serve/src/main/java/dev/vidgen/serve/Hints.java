package dev.vidgen.serve;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.ContentPolicyException;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.policy.FailureKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A failure as the page shows it: what happened, in the provider's words, and what to do. */
final class Hints {
  private Hints() {}

  /** {@code {"message": …, "code": …, "http_status": …, "next": …}} for {@code failure}, which sent no create. */
  static Map<String, Object> of(Throwable failure) {
    return of(failure, false);
  }

  /** As {@link #of(Throwable)}; {@code createMayHaveGoneOut} when a Generate's create may have made a task. */
  static Map<String, Object> of(Throwable failure, boolean createMayHaveGoneOut) {
    return of(failure, createMayHaveGoneOut, ProviderTerms.TOAPIS);
  }

  /** As {@link #of(Throwable, boolean)}, with the advice naming {@code terms}' key variable and addresses. */
  static Map<String, Object> of(Throwable failure, boolean createMayHaveGoneOut, ProviderTerms terms) {
    Throwable cause = AsyncFailures.unwrap(failure);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("message", PageWords.of(pageMessageOf(cause)));
    json.put("code", codeOf(cause));
    json.put("http_status", cause instanceof ProviderException provider && provider.httpStatus() > 0
        ? provider.httpStatus() : null);
    json.put("next", next(cause, createMayHaveGoneOut, terms));
    return json;
  }

  /**
   * {@link #messageOf}, but a job refused for its price before sending reads as what vidgen found
   * ("checked before sending: … costs 20 credits but the key has 15 credits left; nothing was sent"),
   * without the provider's id and the code ahead of it, and without advice (the {@code next} gives it).
   */
  private static String pageMessageOf(Throwable cause) {
    if (cause instanceof InsufficientQuotaException refused && refused.httpStatus() == 0
        && refused.refusedQuote().isPresent()) {
      String found = refused.details().message();
      int sent = found.indexOf(NOTHING_SENT);
      return "checked before sending: " + (sent < 0 ? found : found.substring(0, sent + NOTHING_SENT.length()));
    }
    return messageOf(cause);
  }

  private static final String NOTHING_SENT = "; nothing was sent";

  /** The provider's words for a failed task, or the error's message. */
  static String messageOf(Throwable cause) {
    if (cause instanceof TaskFailedException failed && failed.snapshot() != null) {
      return failed.snapshot().failureReason().map(TaskFailure::toString).orElse(failed.getMessage());
    }
    // A video larger than the limit: the playground's setting named, not the Java builder's.
    String message = cause instanceof dev.vidgen.core.error.DownloadFailedException large
        ? large.messageNaming("vidgen serve --set " + LargerVideos.SETTING) : cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  private static String codeOf(Throwable cause) {
    if (cause instanceof dev.vidgen.core.error.ProviderSelectionException) {
      // The command line's error.kind for it: a provider's jar that cannot be used, or a choice of provider.
      return "provider_selection";
    }
    if (cause instanceof ProviderException provider) {
      return provider.providerCode().orElse(null);
    }
    if (cause instanceof TaskFailedException failed && failed.snapshot() != null) {
      return failed.snapshot().failureReason().map(TaskFailure::code).orElse(null);
    }
    return null;
  }

  /** What a person can do next, after a failure that sent no create. */
  static String next(Throwable cause) {
    return next(cause, false);
  }

  /** What a person can do next; {@code createMayHaveGoneOut} when a Generate's create may have made a task. */
  static String next(Throwable cause, boolean createMayHaveGoneOut) {
    return next(cause, createMayHaveGoneOut, ProviderTerms.TOAPIS);
  }

  /** As {@link #next(Throwable, boolean)}, naming {@code terms}' key variable and addresses. */
  static String next(Throwable cause, boolean createMayHaveGoneOut, ProviderTerms terms) {
    if (cause instanceof Refusal refusal) {
      return refusal.next();
    }
    if (cause instanceof GenerateFailure ended) {
      return ended.next();
    }
    if (cause instanceof dev.vidgen.core.client.SubmitNotSentException) {
      // In the playground only a stop holds a create back.
      return "vidgen serve is stopping and nothing was sent; generate again once vidgen serve runs again";
    }
    if (cause instanceof dev.vidgen.core.error.ProviderSelectionException selection
        && selection.availableIds().isEmpty()) {
      // The provider itself is broken (its factory, or its code built for another vidgen version): trying again meets
      // the same jar.
      return "nothing was sent, and trying again meets the same fault: fix that provider's jar (or take it off the"
          + " class path), then start vidgen serve again";
    }
    if (cause instanceof dev.vidgen.core.error.ProviderConfigurationException
        || cause instanceof dev.vidgen.core.error.ProviderSelectionException) {
      return "fix the provider setting the message names, then start vidgen serve again";
    }
    if (cause instanceof InvalidJobException) {
      return "fix the fields marked above and generate again";
    }
    if (cause instanceof BudgetExceededException) {
      return "choose a shorter or cheaper job";
    }
    if (cause instanceof AuthenticationException) {
      return "check " + terms.keyVariable() + (terms.isToApis() ? " (keys are made at https://toapis.com/console/token)"
          : "") + " and start vidgen serve again";
    }
    if (cause instanceof InsufficientQuotaException refused && refused.httpStatus() > 0) {
      // The provider's own 402, whose words (in the message) say what to do: this says what it left.
      return "the provider refused the create, so no task was made and nothing was billed; the balance on this page"
          + " shows whether the account or the key is short";
    }
    if (cause instanceof InsufficientQuotaException refused) {
      // Checked before sending, vidgen knows which is short.
      return FundsCheck.advice(FundsCheck.shortOf(refused).orElse(null), terms);
    }
    if (cause instanceof TaskFailedException || cause instanceof ContentPolicyException) {
      return "change the prompt or the image and generate again";
    }
    if (cause instanceof RateLimitedException limited) {
      // The retries already waited out every short Retry-After: a longer one the server asked for is said as it is.
      return limited.retryAfter().filter(wait -> wait.toSeconds() >= 60)
          .map(wait -> "wait " + dev.vidgen.core.text.Waits.describe(wait) + " and try again")
          .orElse("wait a minute and try again");
    }
    if (cause instanceof AmbiguousSubmitException) {
      // The playground's answer names the look-up command with its server's options (Jobs.lookUpAdvice).
      return "check the provider's dashboard for the task before you generate this job again";
    }
    if (cause instanceof ProviderException proxy
        && ProviderErrorDetails.PROXY_AUTHENTICATION.equals(proxy.details().code())) {
      // The proxy refused before anything reached the provider: its credentials are what to change, not the job.
      return "nothing was sent to the provider: the proxy wants a user name and password it takes; start vidgen serve"
          + " with them (as the error says), then generate again";
    }
    if (cause instanceof RequestRejectedException rejected && rejected.refusesModel()) {
      // The client reads the key's model list again after such an answer: Check shows what it holds now.
      return "the provider says this key may not use this model now; choose another model (Check shows the models"
          + " the key's list holds now) and generate again";
    }
    if (cause instanceof ProviderException refused && refused.upload().isPresent()) {
      // An upload that never reached the provider (an untrusted certificate, a failed proxy) is fixed where a balance
      // read or a URL image meeting the same is; else the provider refused the file itself, before any create: what
      // to change in it (by its content), not in the form.
      return unreached(refused).orElseGet(() -> "nothing was created; " + UploadAdvice.next(refused,
          refused.upload().get(), refused.upload().get().fileName(), "generate again"));
    }
    if (cause instanceof RequestRejectedException rejected && rejected.httpStatus() == 404) {
      // No such endpoint: the playground's address for the provider is wrong, not the job.
      return "nothing was created; start the playground again with the API's own address (vidgen serve --base-url"
          + (terms.isToApis() ? ", or TOAPIS_BASE_URL), such as https://toapis.com" : ")");
    }
    if (cause instanceof RequestRejectedException) {
      return "compare the request preview with the model's rules, change the setting named and generate again";
    }
    if (cause instanceof dev.vidgen.core.error.ResultUnusableException) {
      return "vidgen does not fetch such a link; " + dev.vidgen.serve.history.UnusableResults.NEXT;
    }
    if (cause instanceof TaskNotFoundException || cause instanceof ResultExpiredException) {
      return terms.keptResults().resultsAreKept() + "; generate it again";
    }
    if (cause instanceof DeadlineExceededException deadline && deadline.unansweredFor().isPresent()) {
      // No status answer came in time: where the task stands is not known, so "still running" would be a guess.
      return "no status answer came in time, so whether the task is still running or done is unknown; it goes on at"
          + " the provider: start vidgen serve again later to pick it up";
    }
    if (cause instanceof DeadlineExceededException) {
      return "the task is still running at the provider; start vidgen serve again later to pick it up";
    }
    if (cause instanceof ProviderException paused && paused.kind() == FailureKind.UNAVAILABLE
        && paused.providerCode().filter("rate_limit_unavailable"::equalsIgnoreCase).isPresent()) {
      return "the provider's rate limiter is pausing new submits for now (tasks already made go on); nothing was"
          + " created: wait a few minutes and generate again";
    }
    if (cause instanceof ProviderException refused
        && dev.vidgen.core.error.ProviderErrorDetails.ACCOUNT_REFUSED.equals(refused.details().code())) {
      return "try again later; if it keeps refusing, check the key's settings in the provider's console";
    }
    if (!createMayHaveGoneOut && cause instanceof ProviderException unsent && unreached(unsent).isPresent()) {
      return unreached(unsent).get();
    }
    if (cause instanceof ProviderException) {
      return createMayHaveGoneOut ? "the provider or the network failed after the create may have gone out: look for"
          + " the job in vidgen history (and on the provider's dashboard) before you generate it again"
          : "the provider or the network failed; try again in a moment";
    }
    // A folder that cannot be written (an upload kept on a full disk, say) is told with its own fix; nothing was sent.
    Optional<String> unwritten = createMayHaveGoneOut ? Optional.empty()
        : WriteTrouble.fix(cause, "another --out");
    if (unwritten.isPresent()) {
      return unwritten.get() + "; nothing was sent";
    }
    // Not foreseen: never advise sending again what may already be a task.
    return createMayHaveGoneOut ? "this was not expected, and the create may have gone out: look for the job in"
        + " vidgen history (and on the provider's dashboard) before you generate it again"
        : "this was not expected, and nothing was sent; try again in a moment";
  }

  /**
   * The fix for a call that reached no server, by its code: an untrusted TLS certificate or a failed proxy, which
   * trying again in a while does not change; empty for any other failure.
   */
  private static Optional<String> unreached(ProviderException failure) {
    if (ProviderErrorDetails.TLS_UNTRUSTED.equals(failure.details().code())) {
      // A certificate does not change by itself: the fix is the playground's trust settings or its address.
      return Optional.of("nothing was sent: the server's TLS certificate is not trusted by this Java, and trying again"
          + " does not change that; start vidgen serve with a Java trust store holding the certificate's authority,"
          + " given through VIDGEN_JAVA_OPTS or JAVA_TOOL_OPTIONS (-Djavax.net.ssl.trustStore=FILE"
          + " -Djavax.net.ssl.trustStorePassword=PASSWORD), or with the base URL of the host the certificate is for");
    }
    if (ProviderErrorDetails.PROXY_FAILED.equals(failure.details().code())) {
      return Optional.of("nothing was sent: the proxy named in the error failed, not the provider; check that the"
          + " proxy is up and that its setting is right, then try again");
    }
    return Optional.empty();
  }

}

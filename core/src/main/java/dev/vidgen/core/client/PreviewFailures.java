package dev.vidgen.core.client;

import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.text.SafeText;
import java.util.List;
import java.util.function.Supplier;

/**
 * A provider's code failing a request preview (which every submit runs first): said as that provider's fault, naming it and its class, never as an
 * unexpected error of vidgen's. A {@link LinkageError} (a method of the SPI it lacks, a class it needs) most likely
 * means a jar built for another vidgen version. Nothing was sent, and the job is not to blame.
 */
final class PreviewFailures {
  private PreviewFailures() {}

  /**
   * {@code call} into {@code provider} for a preview: a failure its own code lets out (see {@link
   * ProviderFaultException#isProvidersOwn}) as a {@link ProviderSelectionException}, anything else as it is.
   */
  static <T> T call(VideoProvider provider, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException | Error failure) {
      if (!ProviderFaultException.isProvidersOwn(failure)) {
        throw failure;
      }
      throw fault(provider, failure);
    }
  }

  /** The words for {@code failure}, let out by {@code provider}'s code during a preview. */
  static ProviderSelectionException fault(VideoProvider provider, Throwable failure) {
    String named = "provider " + idOf(provider) + " (" + provider.getClass().getName() + ")";
    String why = failure instanceof LinkageError
        ? ": a LinkageError from the provider's own code, so its jar was most likely built for another vidgen version"
            + " (or lacks a class it needs); nothing was sent. Rebuild it against this vidgen version (or use its"
            + " release made for it), or take it off the class path"
        : ": a bug in the provider's code, not in the job; nothing was sent. Fix that provider's jar, or take it off"
            + " the class path";
    // No id is offered in its place: choosing this provider again meets the same code.
    // Asked for a dry run or not (every submit checks first), the words fit both.
    return new ProviderSelectionException(named + " failed vidgen's check of the request it would send, with an"
        + " unexpected " + describe(provider, failure) + why, List.of(), failure);
  }

  private static String idOf(VideoProvider provider) {
    try {
      return SafeText.clip(SafeText.clean(String.valueOf(provider.id())), 60);
    } catch (RuntimeException | LinkageError unnamed) {
      return "(its id() failed too)";
    }
  }

  /** "java.lang.AbstractMethodError: Receiver class …", masked (the provider's keys too) and clipped. */
  private static String describe(VideoProvider provider, Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getName();
    }
    String shown = SafeText.mask(message);
    try {
      for (ApiKey key : provider.keysJobsMayNotHold()) {
        shown = key.maskIn(shown);
      }
    } catch (RuntimeException | LinkageError keysUnread) {
      // The message is masked for key-shaped words all the same.
    }
    // The JVM's words end with a full stop ("… of interface …VideoProvider."); the reason follows them.
    return failure.getClass().getName() + ": " + SafeText.clip(shown, 300).replaceAll("[.\\s]+$", "");
  }
}

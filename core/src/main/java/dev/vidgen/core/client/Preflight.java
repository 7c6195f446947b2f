package dev.vidgen.core.client;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.util.concurrent.CompletableFuture;

/**
 * What runs after validation and the budget, before anything is uploaded or created: the live
 * model check, then money before paying; and, after the images, the upload of local videos.
 * {@link #NONE} checks nothing (and cannot upload videos).
 */
class Preflight {
  /** Checks nothing. */
  static final Preflight NONE = new Preflight(null, null, null);

  private final LiveModelCheck models;
  private final AccountFunds funds;
  private final VideoUploads videos;

  Preflight(LiveModelCheck models, AccountFunds funds, VideoUploads videos) {
    this.models = models;
    this.funds = funds;
    this.videos = videos;
  }

  /** Completes when a job on {@code model} costing {@code quote} may be sent; takes the quote from the funds. */
  CompletableFuture<Void> check(String model, PriceQuote quote) {
    CompletableFuture<Void> listed = models == null ? CompletableFuture.completedFuture(null) : models.check(model);
    return funds == null ? listed : listed.thenCompose(ok -> funds.reserve(quote));
  }

  /**
   * {@link #check(String, PriceQuote)} for a job on {@code route} that named it {@code given}; completes
   * with the name to send, which is another of the route's names when only that one is listed for the key.
   */
  CompletableFuture<String> check(dev.vidgen.core.domain.ModelRoute route, String given, PriceQuote quote) {
    CompletableFuture<String> listed = models == null ? CompletableFuture.completedFuture(given)
        : models.nameToSend(route, given);
    return funds == null ? listed : listed.thenCompose(name -> funds.reserve(quote).thenApply(ok -> name));
  }

  /** A create of {@code quote} goes out again blind after a server error: the take before it may have been paid. */
  void chargeResend(PriceQuote quote) {
    if (funds != null) {
      funds.spentAgain(quote);
    }
  }

  /** Gives {@code quote} back to the funds, for a job whose task surely was not created. */
  void release(PriceQuote quote) {
    if (funds != null) {
      funds.release(quote);
    }
  }

  /** The create of a job costing {@code quote} was answered, when the funds were taken ({@code funded}). */
  void settleIf(boolean funded, PriceQuote quote) {
    if (funded && funds != null) {
      funds.settle(quote);
    }
  }

  /**
   * After a failed create: {@link #release} when {@code failure} surely created no task; when it may
   * have (ambiguous), the quote stays spent and is settled, as the provider's balance shows such a task.
   */
  void releaseIf(boolean funded, PriceQuote quote, Throwable failure) {
    if (!funded) {
      return;
    }
    if (failure instanceof dev.vidgen.core.error.AmbiguousSubmitException) {
      settleIf(true, quote);
    } else {
      release(quote);
    }
  }

  /** {@code job} with its local videos uploaded. */
  CompletableFuture<VideoJob> uploadVideos(VideoJob job) {
    if (videos == null) {
      return CompletableFuture.completedFuture(job);
    }
    return videos.upload(job);
  }
}

package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What runs after validation and a look at the budget, before anything is uploaded or created: the live
 * model check, then money before paying, then the quote taken from the client's budget; and, after the
 * images, the upload of local videos. {@link #NONE} checks nothing (and cannot upload videos).
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

  /**
   * Completes when a job on {@code model} costing {@code quote} may be sent; takes the quote from the funds, then
   * runs {@code budget} (which takes it from the client's budget, see {@link #thenBudget}).
   */
  CompletableFuture<Void> check(String model, PriceQuote quote, Runnable budget) {
    return checkFollowOn(null, model, quote, () -> CompletableFuture.completedFuture(null), budget)
        .thenApply(name -> null);
  }

  /**
   * {@link #check(dev.vidgen.core.domain.ModelRoute, String, PriceQuote)} for a follow-on on {@code route} (null: a
   * model the catalog lacks, checked by its name alone) that names it {@code given}, with {@code afterList} (its look
   * at its source) run once the live model list lets the model go, before the funds are read; its failure ends the
   * check. Completes with the name to send, as a job's check does.
   */
  CompletableFuture<String> checkFollowOn(dev.vidgen.core.domain.ModelRoute route, String given, PriceQuote quote,
      Supplier<CompletableFuture<Void>> afterList, Runnable budget) {
    CompletableFuture<String> named = models == null ? CompletableFuture.completedFuture(given)
        : route == null ? models.check(given).thenApply(ok -> given) : models.nameToSend(route, given);
    CompletableFuture<String> listed = named.thenCompose(name -> afterList.get().thenApply(ok -> name));
    return thenBudget(funds == null ? listed : listed.thenCompose(name -> funds.reserve(quote).thenApply(ok -> name)),
        quote, budget);
  }

  /**
   * {@link #check(String, PriceQuote)} for a job on {@code route} that named it {@code given}; completes
   * with the name to send, which is another of the route's names when only that one is listed for the key.
   */
  CompletableFuture<String> check(dev.vidgen.core.domain.ModelRoute route, String given, PriceQuote quote) {
    return check(route, given, quote, null, () -> { });
  }

  /**
   * {@link #check(dev.vidgen.core.domain.ModelRoute, String, PriceQuote)} for {@code job}: a model the key may not
   * use is refused naming instead only listed models that can take it. {@code budget} runs as {@link #thenBudget} says.
   */
  CompletableFuture<String> check(dev.vidgen.core.domain.ModelRoute route, String given, PriceQuote quote,
      VideoJob job, Runnable budget) {
    CompletableFuture<String> listed = models == null ? CompletableFuture.completedFuture(given)
        : models.nameToSend(route, given, job);
    return thenBudget(funds == null ? listed : listed.thenCompose(name -> funds.reserve(quote).thenApply(ok -> name)),
        quote, budget);
  }

  /**
   * {@code checked}, then {@code budget} run once every check passed: a job the checks refuse (a model not listed for
   * the key, too little money) so never held budget that another job needed meanwhile. When {@code budget} throws
   * (the job does not fit), the funds taken are given back and the check fails with it.
   */
  private <T> CompletableFuture<T> thenBudget(CompletableFuture<T> checked, PriceQuote quote, Runnable budget) {
    return checked.thenApply(value -> {
      try {
        budget.run();
      } catch (RuntimeException refused) {
        release(quote);
        throw refused;
      }
      return value;
    });
  }

  /** The provider's live model list as last read and still kept, when the model check is on; no call is made. */
  Optional<Set<String>> knownModels() {
    return models == null ? Optional.empty() : models.known();
  }

  /** Whether jobs are checked against the provider's live model list. */
  boolean checksModels() {
    return models != null && models.enabled();
  }

  /** The live model list (read when not kept), or empty when the check is off or it cannot be read. */
  CompletableFuture<Optional<Set<String>>> readModels() {
    return models == null ? CompletableFuture.completedFuture(Optional.empty()) : models.readIfChecked();
  }

  /**
   * {@link #readModels()}, read again when the kept list holds none of {@code route}'s names and the least
   * time between such reads has passed.
   */
  CompletableFuture<Optional<Set<String>>> readModelsHolding(dev.vidgen.core.domain.ModelRoute route) {
    return models == null ? CompletableFuture.completedFuture(Optional.empty()) : models.readHolding(route);
  }

  /**
   * {@link #readModels()}, read again when the kept list does not name {@code model} (in any case) and the least
   * time between such reads has passed: for a model the catalog lacks, which the key may have been given since.
   */
  CompletableFuture<Optional<Set<String>>> readModelsNaming(String model) {
    return models == null ? CompletableFuture.completedFuture(Optional.empty()) : models.readNaming(model);
  }

  /**
   * Reads the live model list, then goes on with {@code next} given it (null: not readable); the future
   * returned ends as {@code next}'s does, and cancelling it cancels that. {@code notSent} runs when
   * {@code next} never starts (cancelled while the list was read) or throws before it could send.
   */
  <T> CompletableFuture<T> afterReadingModels(Function<Set<String>, CompletableFuture<T>> next,
      Runnable notSent) {
    return afterReading(readModels(), next, notSent);
  }

  /** {@link #afterReadingModels}, the list read as {@link #readModelsHolding} reads it for {@code route}. */
  <T> CompletableFuture<T> afterReadingModels(dev.vidgen.core.domain.ModelRoute route,
      Function<Set<String>, CompletableFuture<T>> next, Runnable notSent) {
    return afterReading(readModelsHolding(route), next, notSent);
  }

  /** {@link #afterReadingModels}, the list read as {@link #readModelsNaming} reads it for {@code model}. */
  <T> CompletableFuture<T> afterReadingModels(String model, Function<Set<String>, CompletableFuture<T>> next,
      Runnable notSent) {
    return afterReading(readModelsNaming(model), next, notSent);
  }

  private <T> CompletableFuture<T> afterReading(CompletableFuture<Optional<Set<String>>> reading,
      Function<Set<String>, CompletableFuture<T>> next, Runnable notSent) {
    CompletableFuture<T> outer = new CompletableFuture<>();
    reading.whenComplete((read, failure) -> {
      if (outer.isDone()) {
        notSent.run(); // cancelled while the list was read: nothing was sent
        return;
      }
      CompletableFuture<T> inner;
      try {
        inner = next.apply(read == null ? null : read.orElse(null));
      } catch (RuntimeException | Error thrown) {
        // Thrown before any create could go out (a provider's own checks, say): the caller hears it, as directly.
        notSent.run();
        outer.completeExceptionally(thrown);
        return;
      }
      outer.whenComplete((done, cancelled) -> {
        if (outer.isCancelled()) {
          inner.cancel(false);
        }
      });
      inner.whenComplete((done, failed) -> {
        if (failed != null) {
          outer.completeExceptionally(AsyncFailures.unwrap(failed));
        } else {
          outer.complete(done);
        }
      });
    });
    return outer;
  }

  /** The provider refused a create on {@code name} as a model the key may not use: the list is not believed on it. */
  void modelRefused(String name) {
    if (models != null) {
      models.refused(name);
    }
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

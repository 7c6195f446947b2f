package dev.vidgen.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.validation.JobValidator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An app, from outside vidgen's packages, gets the failure a future held with the public {@code
 * VidgenException.unwrap}, whichever wrapper reading the future put around it.
 */
class FutureFailuresTest {
  private final InvalidJobException held = new InvalidJobException(JobValidator.of(RouteCatalog.builtIn())
      .validate(VideoJob.builder("grok-video-1.5-preview").prompt("p").seconds(12).build()));

  @Test
  void theHeldFailureComesOutOfTheWrappersOfJoinAndGet() {
    CompletableFuture<Void> failed = CompletableFuture.failedFuture(held);

    assertThat(VidgenException.unwrap(catchThrowable(failed::join))).as("join's CompletionException").isSameAs(held);
    assertThat(VidgenException.unwrap(catchThrowable(failed::get))).as("get's ExecutionException").isSameAs(held);
  }

  @Test
  void aHeldCancellationComesOutOfTheOneJava23AndLaterThrowAroundIt() {
    CancellationException stopped = new CancellationException("the wait was stopped");
    CancellationException thrownOnJava23 = new CancellationException("join");
    thrownOnJava23.initCause(stopped);

    assertThat(VidgenException.unwrap(thrownOnJava23)).isSameAs(stopped);
    assertThat(VidgenException.unwrap(stopped)).as("as Java 17 to 22 throw it").isSameAs(stopped);
  }

  @Test
  void aFailureThatIsNotWrappedStaysAsItIs() {
    IllegalStateException plain = new IllegalStateException("boom");

    assertThat(VidgenException.unwrap(plain)).isSameAs(plain);
    assertThat(VidgenException.unwrap(held)).isSameAs(held);
    assertThat(VidgenException.unwrap(null)).isNull();
  }
}

package dev.vidgen.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class AsyncFailuresTest {
  /** What {@code get}, {@code join} or {@code getNow} throws on Java 23 and later for a future holding {@code stored}. */
  static CancellationException thrownOnJava23(String method, CancellationException stored) {
    CancellationException thrown = new CancellationException(method);
    thrown.initCause(stored);
    return thrown;
  }

  private static final class Named extends CancellationException {
    private static final long serialVersionUID = 1L;

    Named() {
      super("the generate was cancelled");
    }
  }

  @Test
  void theCancellationAFutureHoldsIsFoundBehindTheNewOneJava23Throws() {
    Named held = new Named();

    for (String method : new String[] {"get", "join", "getNow"}) {
      assertThat(AsyncFailures.stored(thrownOnJava23(method, held))).as(method).isSameAs(held);
      assertThat(AsyncFailures.unwrap(thrownOnJava23(method, held))).as(method).isSameAs(held);
    }
    assertThat(AsyncFailures.unwrap(new CompletionException(thrownOnJava23("join", held)))).isSameAs(held);
  }

  @Test
  void whatJava17ThrowsIsTheHeldCancellationItselfAndStaysAsItIs() {
    Named held = new Named();

    assertThat(AsyncFailures.stored(held)).isSameAs(held);
    assertThat(AsyncFailures.unwrap(held)).isSameAs(held);
  }

  @Test
  void aCancellationOfOurOwnWithACauseIsNotTakenForTheJdksWrapper() {
    CancellationException ours = new CancellationException("the generate was stopped from outside (CancellationException)");
    ours.initCause(new CancellationException());
    CancellationException subclass = new Named();
    subclass.initCause(new CancellationException("join"));

    assertThat(AsyncFailures.stored(ours)).isSameAs(ours);
    assertThat(AsyncFailures.unwrap(ours)).isSameAs(ours);
    assertThat(AsyncFailures.stored(subclass)).isSameAs(subclass);
  }

  @Test
  void completionAndExecutionWrappersAreStillUnwrapped() {
    IllegalStateException original = new IllegalStateException("boom");

    assertThat(AsyncFailures.unwrap(new ExecutionException(new CompletionException(original)))).isSameAs(original);
    assertThat(AsyncFailures.unwrap(null)).isNull();
  }
}

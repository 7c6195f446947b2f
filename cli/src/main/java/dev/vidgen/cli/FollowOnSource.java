package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.ProviderFaultException;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The free look at the task an extend or a remix starts from, before the paid create: a task this machine's
 * history does not know as completed is read once (a status read costs nothing), and one that failed, that the
 * provider does not know, or that is not finished is refused with nothing sent. A result past its {@code
 * expires_at} is a warning only: the provider documents that the result's links end, not that a follow-on needs
 * them. A read that fails (the network, a 5xx) or gives no answer within {@link FreeReads#TIMEOUT} is said, and the
 * follow-on goes on as it did before this look.
 */
final class FollowOnSource {
  private FollowOnSource() {}

  /**
   * Reads the status of {@code source}, the task a follow-on of {@code kind} starts from, unless the history knows it
   * completed on this provider ({@code known}), and refuses the follow-on when the task cannot be one's start. What the
   * read found is recorded in the history, as {@code status} records it, when the history has the task.
   *
   * @throws CliException when the task failed (exit 2), is not known to the provider (exit 5, {@code
   *     task_not_found}) or is not finished yet (exit 1, {@code not_finished}); nothing was sent
   */
  static void check(Session session, VidgenClient client, FollowOnKind kind, JobHandle source,
      Optional<HistoryEntry> known, Output output) {
    read(session, client, kind, source, known, output).ifPresent(snapshot -> check(session, kind, source, snapshot,
        output));
  }

  /**
   * Reads the status of {@code source} once, unless the history knows it completed on this provider ({@code known})
   * or the provider is the mock. Empty when nothing was read, or when the read failed or gave no answer in time (said
   * as a {@code source.unread} warning: the follow-on then goes on without that look).
   *
   * @throws CliException when the provider does not know the task (exit 5, {@code task_not_found}); nothing was sent
   */
  static Optional<TaskSnapshot> read(Session session, VidgenClient client, FollowOnKind kind, JobHandle source,
      Optional<HistoryEntry> known, Output output) {
    String providerId = client.provider().id();
    if (providerId.equals(ProviderChoice.MOCK)) {
      return Optional.empty(); // the mock's follow-ons cost nothing, and it takes any task of its own
    }
    if (known.filter(entry -> entry.provider().equals(providerId) && entry.status().equals("completed"))
        .filter(entry -> RecordedServer.elsewhere(session, entry, providerId).isEmpty()).isPresent()) {
      return Optional.empty(); // finished, as this machine saw it on this server
    }
    String task = source.taskId().value();
    String follow = an(kind.id());
    TaskSnapshot snapshot;
    try {
      snapshot = readWithin(client, source);
    } catch (TimeoutException late) {
      session.warn("source.unread", "could not read the status of task " + task + " before " + follow + " (no answer"
          + " within " + FreeReads.TIMEOUT.toSeconds() + " s); it is sent without that look, and the provider refuses"
          + " it if the task failed or does not exist");
      return Optional.empty();
    } catch (TaskNotFoundException notFound) {
      HistoryRecord.existing(session, source, output).ifPresent(HistoryRecord::notFound);
      throw new CliException(ExitCodes.PROVIDER_ERROR, "task_not_found", "the provider has no task " + task
          + " (a free status read found none): " + follow + " starts from a task of this key's account; nothing was"
          + " sent", "check the task id (vidgen history lists the tasks this machine made; a provider keeps a task"
          + " only for a while)");
    } catch (AuthenticationException refused) {
      throw refused; // a key that may not read the task may not extend it either: said as any command says it
    } catch (ProviderException | ProviderFaultException unread) {
      session.warn("source.unread", "could not read the status of task " + task + " before " + follow + " ("
          + reason(session, unread) + "); it is sent without that look, and the provider refuses it if the task"
          + " failed or does not exist");
      return Optional.empty();
    }
    return Optional.of(snapshot);
  }

  /**
   * Refuses the follow-on when the read {@code snapshot} shows that {@code source} cannot be its start (it failed, or
   * is not finished), and warns of a result past its expiry. What the read found is recorded in the history, as
   * {@code status} records it, when the history has the task.
   */
  static void check(Session session, FollowOnKind kind, JobHandle source, TaskSnapshot snapshot, Output output) {
    String task = source.taskId().value();
    String follow = an(kind.id());
    Optional<HistoryRecord> record = HistoryRecord.existing(session, source, output);
    if (snapshot.status() == TaskStatus.FAILED) {
      record.ifPresent(history -> history.failed(new TaskFailedException(source, snapshot)));
      String why = snapshot.failureReason().map(failure -> ": " + SafeText.clip(SafeText.clean(
          (failure.code() == null ? "" : failure.code() + ", ") + failure.message()), 200)).orElse("");
      throw CliException.usage("task " + task + " failed (the provider says so" + why + "): " + follow
          + " starts from a finished video; nothing was sent", "start from a completed task (vidgen history lists"
          + " the tasks this machine made)");
    }
    record.ifPresent(history -> history.seen(snapshot));
    if (snapshot.status() != TaskStatus.COMPLETED) {
      // The wait alone is next_command too, for a script to run before it runs this again.
      String wait = Failures.setUpCommand("wait", source, session);
      throw new CliException(ExitCodes.OTHER, "not_finished", "task " + task + " is not finished yet ("
          + Views.status(snapshot) + "): " + follow + " starts from a finished video; nothing was sent",
          new NextStep("wait for it (" + wait + "), then run this " + kind.id() + " again", wait));
    }
    Optional<Instant> expired = snapshot.result().flatMap(video -> video.expiry())
        .filter(at -> at.isBefore(Instant.now()));
    expired.ifPresent(at -> session.warn("source.expired", "task " + task + "'s video expired at " + at
        + " (its links last a limited time); the provider does not say whether " + follow + " needs it, so it is"
        + " sent: if the provider refuses it, make the source video again"));
  }

  /**
   * The catalog id of the model the read {@code snapshot} says made the task (an alias or another case found as a
   * job's model is), or its name as the provider gave it when no route has it; empty when the answer names none.
   */
  static Optional<String> modelOf(VidgenClient client, TaskSnapshot snapshot) {
    return snapshot.reportedModel().map(String::strip).filter(name -> !name.isEmpty())
        .map(name -> client.catalog().find(name).map(ModelRoute::id).orElse(SafeText.clip(SafeText.clean(name), 80)));
  }

  /**
   * Refuses (exit 2, nothing sent) a {@code --model} ({@code given}) other than the model the read {@code snapshot}
   * says made {@code source}, as a handle's or the history's model is refused: the provider takes a follow-on only on
   * its task's own model. Names are compared as a job's model is found (the id or an alias, in any case).
   */
  static void refuseOtherModel(VidgenClient client, FollowOnKind kind, JobHandle source, String given,
      TaskSnapshot snapshot) {
    Optional<String> made = modelOf(client, snapshot);
    String named = client.catalog().find(given.strip()).map(ModelRoute::id).orElse(given.strip());
    if (made.isPresent() && !made.get().equalsIgnoreCase(named)) {
      throw CliException.usage("task " + source.taskId() + " is a " + made.get() + " task (its status read says so),"
          + " and --model " + SafeText.clip(SafeText.clean(given.strip()), 80) + " names another: " + an(kind.id())
          + " goes to the model of the task it starts from", "leave out --model");
    }
  }

  /**
   * The status of {@code source}, waited for {@link FreeReads#TIMEOUT} at most (the read is free, and failing it only
   * draws a warning); a read left behind is abandoned. A failure is thrown as the read's own.
   *
   * @throws TimeoutException when no answer came in time
   */
  private static TaskSnapshot readWithin(VidgenClient client, JobHandle source) throws TimeoutException {
    CompletableFuture<TaskSnapshot> read = client.statusAsync(source);
    try {
      return read.get(FreeReads.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException late) {
      read.cancel(true);
      throw late;
    } catch (InterruptedException interrupted) {
      read.cancel(true);
      Thread.currentThread().interrupt();
      throw (CancellationException) new CancellationException("interrupted while reading the status of task "
          + source.taskId()).initCause(interrupted);
    } catch (ExecutionException failed) {
      Throwable cause = AsyncFailures.unwrap(failed);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Why a read failed, in one short line without the key. */
  private static String reason(Session session, RuntimeException failure) {
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return SafeText.clip(SafeText.clean(session.withoutKey(message)), 200);
  }

  /** "an extend", "a remix". */
  private static String an(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }
}

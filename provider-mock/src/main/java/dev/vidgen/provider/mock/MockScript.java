package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Arranges what a {@link MockVideoProvider} does next: failed calls of a kind ({@link Operation}) or of one
 * method ({@link MockCall.Method}, such as status reads alone), and how the next created tasks go. Faults are used
 * up in the order they were scripted, a method's before its kind's; calls with nothing scripted behave normally.
 * Thread-safe; every method returns this script.
 */
public final class MockScript {
  private final Map<Operation, Deque<Fault>> faults = new EnumMap<>(Operation.class);
  private final Map<MockCall.Method, Deque<Fault>> methodFaults = new EnumMap<>(MockCall.Method.class);
  private final Deque<TaskPlan> plans = new ArrayDeque<>();
  private boolean keyRejected;

  MockScript() {
    for (Operation operation : Operation.values()) {
      faults.put(operation, new ArrayDeque<>());
    }
    for (MockCall.Method method : MockCall.Method.values()) {
      methodFaults.put(method, new ArrayDeque<>());
    }
  }

  /** The next {@code times} creates fail with HTTP 429 and this {@code Retry-After}. */
  public MockScript rateLimitCreates(int times, Duration retryAfter) {
    return rateLimit(Operation.CREATE, times, retryAfter);
  }

  /** The next {@code times} calls of {@code operation} fail with HTTP 429 and {@code Retry-After}. */
  public MockScript rateLimit(Operation operation, int times, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    return add(operation, times, new Fault(FailureKind.RATE_LIMITED, 429, null, retryAfter, false));
  }

  /**
   * The next {@code times} calls of {@code operation} fail with a 5xx status: 503 is reported as
   * unavailable ({@code rate_limit_unavailable}), the others as server errors.
   */
  public MockScript serverErrors(Operation operation, int times, int httpStatus) {
    return add(operation, times, serverError(httpStatus));
  }

  /**
   * The next {@code times} calls of {@code method} alone fail with a 5xx status, as {@link #serverErrors(Operation,
   * int, int)}: {@code MockCall.Method.STATUS} fails status reads, never the balance read a client makes before its
   * first create.
   */
  public MockScript serverErrors(MockCall.Method method, int times, int httpStatus) {
    return add(method, times, serverError(httpStatus));
  }

  /** The next {@code times} calls of {@code method} alone fail with HTTP 429 and {@code Retry-After}. */
  public MockScript rateLimit(MockCall.Method method, int times, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    return add(method, times, new Fault(FailureKind.RATE_LIMITED, 429, null, retryAfter, false));
  }

  /** The next {@code times} calls of {@code method} alone fail as {@code kind} would on the wire. */
  public MockScript fail(MockCall.Method method, int times, FailureKind kind) {
    return add(method, times, Fault.of(kind));
  }

  /** The next {@code times} calls of {@code operation} fail as {@code kind} would on the wire. */
  public MockScript fail(Operation operation, int times, FailureKind kind) {
    return add(operation, times, Fault.of(kind));
  }

  /** As {@link #fail(Operation, int, FailureKind)}, with the provider's message. */
  public MockScript fail(Operation operation, int times, FailureKind kind, String message) {
    Objects.requireNonNull(message, "message == null");
    return add(operation, times, new Fault(kind, 0, message, null, false));
  }

  /**
   * The next create is sent but gets no answer ({@code AmbiguousSubmitException}); when {@code
   * taskCreated}, the task exists all the same and its client reference finds it.
   */
  public MockScript unansweredCreate(boolean taskCreated) {
    return add(
        Operation.CREATE, 1, new Fault(FailureKind.NO_RESPONSE, 0, null, null, taskCreated));
  }

  /** The next {@code times} uploads fail with HTTP 400 and {@code message}. */
  public MockScript rejectUploads(int times, String message) {
    return fail(Operation.UPLOAD, times, FailureKind.REJECTED, message);
  }

  /** Every call fails with HTTP 401 until {@link #acceptApiKey()} or {@link #reset()}. */
  public synchronized MockScript rejectApiKey() {
    keyRejected = true;
    return this;
  }

  /** Undoes {@link #rejectApiKey()}. */
  public synchronized MockScript acceptApiKey() {
    keyRejected = false;
    return this;
  }

  /** The next created task fails when it would have completed, with this code and message. */
  public MockScript failNextTask(String code, String message) {
    return failTasks(1, code, message);
  }

  /** The next {@code times} created tasks fail when they would have completed. */
  public MockScript failTasks(int times, String code, String message) {
    TaskPlan plan = new TaskPlan(null, new TaskFailure(code, message), false);
    return plan(times, plan);
  }

  /** The next created task stays in progress for ever. */
  public MockScript nextTaskNeverFinishes() {
    return neverFinish(1);
  }

  /** The next {@code times} created tasks stay in progress for ever. */
  public MockScript neverFinish(int times) {
    return plan(times, new TaskPlan(null, null, true));
  }

  /** The next created task completes after {@code duration} instead of the usual duration. */
  public MockScript nextTaskTakes(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + duration);
    }
    return plan(1, new TaskPlan(duration, null, false));
  }

  /**
   * The next created task leaves the progress number out of its status reads until it ends ({@code
   * TaskSnapshot.progress()} null while queued and in progress), as ToAPIs may; it completes as usual.
   */
  public MockScript nextTaskReportsNoProgress() {
    return plan(1, TaskPlan.COMPLETES.reportingNoProgress());
  }

  /** Forgets every scripted fault and plan and accepts the key again. */
  public synchronized MockScript reset() {
    faults.values().forEach(Deque::clear);
    methodFaults.values().forEach(Deque::clear);
    plans.clear();
    keyRejected = false;
    return this;
  }

  /** How many scripted faults and task plans are not used up yet. */
  public synchronized int pending() {
    return faults.values().stream().mapToInt(Deque::size).sum()
        + methodFaults.values().stream().mapToInt(Deque::size).sum() + plans.size();
  }

  synchronized boolean keyRejected() {
    return keyRejected;
  }

  /** The next fault for a call of {@code method}, scripted for it alone or for its {@code operation}; null: none. */
  synchronized Fault nextFault(MockCall.Method method, Operation operation) {
    Fault own = methodFaults.get(method).poll();
    return own != null ? own : faults.get(operation).poll();
  }

  /** The plan for the task being created. */
  synchronized TaskPlan nextPlan() {
    TaskPlan plan = plans.poll();
    return plan == null ? TaskPlan.COMPLETES : plan;
  }

  private synchronized MockScript add(Operation operation, int times, Fault fault) {
    Objects.requireNonNull(operation, "operation == null");
    return add(faults.get(operation), times, fault);
  }

  private synchronized MockScript add(MockCall.Method method, int times, Fault fault) {
    Objects.requireNonNull(method, "method == null");
    return add(methodFaults.get(method), times, fault);
  }

  private synchronized MockScript add(Deque<Fault> queue, int times, Fault fault) {
    requireTimes(times);
    for (int i = 0; i < times; i++) {
      queue.add(fault);
    }
    return this;
  }

  private static Fault serverError(int httpStatus) {
    if (httpStatus < 500 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be 500 to 599, was " + httpStatus);
    }
    FailureKind kind = httpStatus == 503 ? FailureKind.UNAVAILABLE : FailureKind.SERVER_ERROR;
    return new Fault(kind, httpStatus, null, null, false);
  }

  private synchronized MockScript plan(int times, TaskPlan plan) {
    requireTimes(times);
    for (int i = 0; i < times; i++) {
      plans.add(plan);
    }
    return this;
  }

  private static void requireTimes(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, was " + times);
    }
  }
}

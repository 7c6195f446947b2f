package dev.vidgen.cli;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One way a {@code vidgen generate} against the fake ToAPIs ends, with its exit code and the
 * {@code error.kind} of its {@code --json} output (null on success). Shared by the in-process and
 * the real-process tests, so that both see every exit code.
 *
 * @param sendsNothing whether the fake must receive no request at all
 * @param namesTask whether the output must name the task (it was created)
 */
record Scenario(
    String name, int exitCode, String errorKind, String key, Consumer<FakeToApisServer> arrange,
    List<String> args, boolean sendsNothing, boolean namesTask) {

  static final String WRONG_KEY = "sk-wrong" + "7".repeat(44);
  private static final List<String> JOB = List.of("--image", "product.png", "--prompt", "slow push-in");

  @Override
  public String toString() {
    return name + " -> " + exitCode;
  }

  /** One scenario for each exit code 0 to 8. */
  static List<Scenario> all() {
    return List.of(
        new Scenario("completes", ExitCodes.DONE, null, FakeToApisServer.DEFAULT_KEY, fake -> {},
            job("--out", "videos/product.mp4"), false, true),
        new Scenario("cannot save the video", ExitCodes.INVALID_JOB, "output", FakeToApisServer.DEFAULT_KEY, fake -> {},
            job("--out", "product.png/video.mp4"), true, false),
        new Scenario("invalid job", ExitCodes.INVALID_JOB, "invalid_job", FakeToApisServer.DEFAULT_KEY, fake -> {},
            job("--seconds", "12", "--aspect-ratio", "4:3"), true, false),
        new Scenario("wrong key", ExitCodes.AUTHENTICATION, "authentication", WRONG_KEY, fake -> {},
            job(), false, false),
        new Scenario("rate limited", ExitCodes.RATE_LIMITED, "rate_limited", FakeToApisServer.DEFAULT_KEY,
            fake -> fake.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ZERO), 20), job(), false, false),
        new Scenario("server keeps failing", ExitCodes.PROVIDER_ERROR, "server_error", FakeToApisServer.DEFAULT_KEY,
            // A wait rides out failing status reads, but not past its deadline: it then ends with the server's error.
            fake -> fake.inject(Endpoint.STATUS, Fault.serverError(), 100_000), job("--timeout", "2s"), false, true),
        new Scenario("task fails", ExitCodes.TASK_FAILED, "task_failed", FakeToApisServer.DEFAULT_KEY,
            fake -> fake.nextTask(TaskScript.fails("generation_failed", "refused by the content policy")),
            job(), false, true),
        new Scenario("deadline", ExitCodes.DEADLINE, "deadline_exceeded", FakeToApisServer.DEFAULT_KEY,
            fake -> fake.nextTask(TaskScript.neverFinishes()), job("--timeout", "1s"), false, true),
        new Scenario("over budget", ExitCodes.OVER_BUDGET, "budget_exceeded", FakeToApisServer.DEFAULT_KEY,
            fake -> fake.balance(BigDecimal.valueOf(10_000), false), job("--max-credits", "19.5"), true, false));
  }

  private static List<String> job(String... more) {
    List<String> args = new ArrayList<>(List.of("generate"));
    args.addAll(JOB);
    args.addAll(List.of(more));
    return List.copyOf(args);
  }

  /** The arguments with the fake's base URL and short waits added. */
  String[] argsFor(FakeToApisServer fake, String... extra) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }
}

package dev.vidgen.cli;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's vidgen command line against a fake ToAPIs: the fake (taking one key, each task done after one poll),
 * a working folder holding {@code product.png}, a vidgen home, and runs in that folder with the key, all removed
 * after the test. Held in a {@code @RegisterExtension} field (made anew for each test, as the test instance is);
 * test classes differ only in the key and the fake's settings.
 */
final class CliOnFakeToApis implements AfterEachCallback, AutoCloseable {
  private final Builder settings;
  private final Path dir;
  private final Path home;
  private FakeToApisServer fake;

  /** Makes the folders and starts the fake; the folders are removed again if that fails. */
  private CliOnFakeToApis(Builder settings) throws IOException {
    this.settings = settings;
    this.dir = Files.createTempDirectory("vidgen-cli-dir");
    Path madeHome = null;
    try {
      madeHome = Files.createTempDirectory("vidgen-cli-home");
      Images.png(640, 360).writeTo(dir.resolve("product.png"));
      this.fake = settings.startFake(UnaryOperator.identity());
    } catch (IOException | RuntimeException | Error e) {
      deleteTree(dir);
      if (madeHome != null) {
        deleteTree(madeHome);
      }
      throw e;
    }
    this.home = madeHome;
  }

  /** A fixture whose fake takes {@code key} alone and whose runs are given it. */
  static Builder builder(String key) {
    return new Builder(Objects.requireNonNull(key, "key == null"));
  }

  /** The fake now running: after {@link #restartFake} the new one. */
  FakeToApisServer fake() {
    return fake;
  }

  /** The working folder of every run, holding {@code product.png} (640 x 360). */
  Path dir() {
    return dir;
  }

  /** The vidgen home that {@link #vidgen()} gives its runs, empty at first. */
  Path home() {
    return home;
  }

  /** A new run in {@link #dir()} with the key in {@code TOAPIS_API_KEY} and {@link #home()} in {@code VIDGEN_HOME}. */
  CliRun vidgen() {
    return withoutHome().env("VIDGEN_HOME", home.toString());
  }

  /** A new run in {@link #dir()} with the key alone: no data folder, so no task history unless the test sets one. */
  CliRun withoutHome() {
    return CliRun.in(dir).env("TOAPIS_API_KEY", settings.key);
  }

  /** Closes the fake, as a provider that restarts, and starts another with this fixture's settings. */
  FakeToApisServer restartFake() {
    return restartFake(UnaryOperator.identity());
  }

  /**
   * Closes the fake, as a provider that restarts, and starts another with this fixture's settings and then these
   * (a clock, another lifecycle); the new one has another address and no tasks.
   */
  FakeToApisServer restartFake(UnaryOperator<FakeToApisServer.Builder> more) {
    Objects.requireNonNull(more, "more == null");
    fake.close();
    fake = settings.startFake(more);
    return fake;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** Closes the fake, then removes both folders and all that the test left in them. */
  @Override
  public void close() {
    try {
      fake.close();
    } finally {
      deleteFolders();
    }
  }

  private void deleteFolders() {
    try {
      deleteTree(dir);
    } finally {
      deleteTree(home);
    }
  }

  /** Deletes a folder and what it holds; links are deleted, never followed. */
  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
          if (failure != null) {
            throw failure;
          }
          Files.delete(folder);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove the test folder " + root + " after the test", e);
    }
  }

  /** What a fixture starts: a fake taking one key, each task done after one poll. Settings calls add up. */
  static final class Builder {
    private final String key;
    private Function<FakeToApisServer.Builder, FakeToApisServer.Builder> server = UnaryOperator.identity();

    private Builder(String key) {
      this.key = key;
    }

    /** Settings of the fake beyond its key and its one-poll lifecycle (a request id header, say). */
    Builder server(UnaryOperator<FakeToApisServer.Builder> settings) {
      server = server.andThen(Objects.requireNonNull(settings, "settings == null"));
      return this;
    }

    /** Makes the folders, writes the image and starts the fake. */
    CliOnFakeToApis start() {
      try {
        return new CliOnFakeToApis(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not make the test's folders", e);
      }
    }

    private FakeToApisServer startFake(UnaryOperator<FakeToApisServer.Builder> more) {
      return server.andThen(more)
          .apply(FakeToApisServer.builder().apiKeys(key).lifecycle(Lifecycle.byPolls(1, 1))).start();
    }
  }
}

package dev.vidgen.provider.mock;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProviderFactory;
import dev.vidgen.core.text.AsciiDigits;
import dev.vidgen.core.text.SafeText;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes {@link MockVideoProvider}s on the configuration's {@link ProviderConfig#clock() clock} (the client's, when a
 * client or vidgen's Guice module makes it), else the system clock; id {@code mock}. Settings: {@code
 * mock.duration} (such as {@code 3s}), {@code mock.seed} (a whole number), {@code mock.credits} (a
 * limited balance; unlimited when absent), {@code mock.fail} (text that makes a task whose prompt
 * holds it fail) and {@code mock.create_error} (an HTTP status creates answer, such as {@code 429}
 * or {@code 500x2}). Other settings are ignored, except unknown ones starting with {@code mock.},
 * which are refused.
 */
public final class MockProviderFactory implements VideoProviderFactory {
  /** Run time of each task. */
  public static final String DURATION = "mock.duration";
  /** Seed for task ids. */
  public static final String SEED = "mock.seed";
  /** A limited balance in credits. */
  public static final String CREDITS = "mock.credits";
  /** Text that makes each task whose prompt contains it fail on purpose. */
  public static final String FAIL = "mock.fail";
  /** The HTTP status creates answer on purpose: {@code STATUS} for all, {@code STATUSxN} for the first N. */
  public static final String CREATE_ERROR = "mock.create_error";

  private static final Set<String> KNOWN = Set.of(DURATION, SEED, CREDITS, FAIL, CREATE_ERROR);
  private static final Pattern STATUS_TIMES = Pattern.compile("([0-9]{3})(?:[xX]([0-9]{1,9}))?");

  /** For {@link java.util.ServiceLoader}. */
  public MockProviderFactory() {}

  @Override
  public String id() {
    return MockVideoProvider.ID;
  }

  @Override
  public MockVideoProvider create(ProviderConfig config) {
    Set<String> unknown = new TreeSet<>();
    for (String name : config.settings().keySet()) {
      if (name.startsWith("mock.") && !KNOWN.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ProviderConfigurationException(
          "unknown mock setting " + String.join(", ", unknown) + "; known: " + new TreeSet<>(KNOWN));
    }
    MockVideoProvider.Builder builder = MockVideoProvider.builder().fromSettings();
    config.apiKey().ifPresent(builder::apiKey);
    config.clock().ifPresent(builder::clock);
    try {
      config.duration(DURATION).ifPresent(builder::duration);
    } catch (IllegalArgumentException e) {
      throw new ProviderConfigurationException(
          DURATION + " must be a duration of zero or more (3s, 500ms, 2m), was "
              + config.get(DURATION).orElse(""));
    }
    config.get(SEED).ifPresent(seed -> builder.seed(parse(SEED, seed, Long::parseLong)));
    config.get(CREDITS).ifPresent(c -> builder.credits(parse(CREDITS, c, BigDecimal::new)));
    config.get(FAIL).ifPresent(text -> {
      if (text.isBlank()) {
        throw new ProviderConfigurationException(FAIL + " must be text that the prompts of the tasks to fail contain,"
            + " such as " + FAIL + "=FAILME, was " + (text.isEmpty() ? "empty" : "only spaces"));
      }
      builder.failPromptsContaining(text);
    });
    config.get(CREATE_ERROR).ifPresent(value -> createErrors(builder, value));
    return builder.build();
  }

  /** Reads {@code mock.create_error}: an HTTP status the mock answers, for every create or, with {@code xN}, the first N. */
  private static void createErrors(MockVideoProvider.Builder builder, String value) {
    Matcher match = STATUS_TIMES.matcher(value.trim());
    boolean readable = match.matches() && CreateErrors.STATUSES.contains(Integer.parseInt(match.group(1)))
        && (match.group(2) == null || Integer.parseInt(match.group(2)) > 0);
    if (!readable) {
      throw new ProviderConfigurationException(
          CREATE_ERROR + " must be an HTTP status of " + CreateErrors.listed()
              + ", for every create, or one followed by xN for the first N creates only (such as 429x2), was "
              + SafeText.mask(value) + (AsciiDigits.hasOtherDigits(value) ? "; give ASCII digits 0-9 such as "
                  + AsciiDigits.inAscii(value).trim() + ", not full-width or other scripts' digits" : ""));
    }
    int status = Integer.parseInt(match.group(1));
    if (match.group(2) == null) {
      builder.createErrors(status);
    } else {
      builder.createErrors(status, Integer.parseInt(match.group(2)));
    }
  }

  private static <T> T parse(String name, String text, Function<String, T> parser) {
    // ASCII digits only: Long.parseLong and BigDecimal would also read full-width and other scripts' digits (６) as 6.
    boolean otherDigits = AsciiDigits.hasOtherDigits(text);
    Optional<T> value = otherDigits ? Optional.empty() : read(text, parser);
    if (value.isPresent()) {
      return value.get();
    }
    String ascii = AsciiDigits.inAscii(text).trim();
    throw new ProviderConfigurationException(
        name + " must be a " + (name.equals(SEED) ? "whole number" : "non-negative number")
            + ", was " + SafeText.mask(text) + (otherDigits ? "; give ASCII digits 0-9 such as "
                + (read(ascii, parser).isPresent() ? ascii : name.equals(SEED) ? "12" : "500")
                + ", not full-width or other scripts' digits" : ""));
  }

  /** The value {@code text} names, if {@code parser} reads it and it is not a negative number of credits. */
  private static <T> Optional<T> read(String text, Function<String, T> parser) {
    try {
      T value = parser.apply(text.trim());
      return value instanceof BigDecimal credits && credits.signum() < 0 ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Names the factory and the provider id it makes, for logs and debuggers. */
  @Override
  public String toString() {
    return "MockProviderFactory[" + MockVideoProvider.ID + "]";
  }
}

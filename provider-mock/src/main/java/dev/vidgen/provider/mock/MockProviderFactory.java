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

/**
 * Makes {@link MockVideoProvider}s on the system clock; id {@code mock}. Settings: {@code
 * mock.duration} (such as {@code 3s}), {@code mock.seed} (a whole number) and {@code
 * mock.credits} (a limited balance; unlimited when absent). Other settings are ignored, except
 * unknown ones starting with {@code mock.}, which are refused.
 */
public final class MockProviderFactory implements VideoProviderFactory {
  /** Run time of each task. */
  public static final String DURATION = "mock.duration";
  /** Seed for task ids. */
  public static final String SEED = "mock.seed";
  /** A limited balance in credits. */
  public static final String CREDITS = "mock.credits";

  private static final Set<String> KNOWN = Set.of(DURATION, SEED, CREDITS);

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
    try {
      config.duration(DURATION).ifPresent(builder::duration);
    } catch (IllegalArgumentException e) {
      throw new ProviderConfigurationException(
          DURATION + " must be a duration of zero or more (3s, 500ms, 2m), was "
              + config.get(DURATION).orElse(""));
    }
    config.get(SEED).ifPresent(seed -> builder.seed(parse(SEED, seed, Long::parseLong)));
    config.get(CREDITS).ifPresent(c -> builder.credits(parse(CREDITS, c, BigDecimal::new)));
    return builder.build();
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

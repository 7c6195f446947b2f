package dev.vidgen.provider.mock;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProviderFactory;
import java.math.BigDecimal;
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
    try {
      T value = parser.apply(text.trim());
      if (value instanceof BigDecimal credits && credits.signum() < 0) {
        throw new NumberFormatException("negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ProviderConfigurationException(
          name + " must be a " + (name.equals(SEED) ? "whole number" : "non-negative number")
              + ", was " + dev.vidgen.core.text.SafeText.mask(text));
    }
  }

  /** Names the factory and the provider id it makes, for logs and debuggers. */
  @Override
  public String toString() {
    return "MockProviderFactory[" + MockVideoProvider.ID + "]";
  }
}

package dev.vidgen.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads {@code --seconds} as a jobs file's {@code seconds} and the playground's are read: a whole number in ASCII
 * digits, also when written with a fraction of zeros ({@code 10.0} is 10); anything else is refused as any whole
 * number option refuses it.
 */
final class SecondsConverter implements ITypeConverter<Integer> {
  private static final Pattern ZERO_FRACTION = Pattern.compile("([+-]?[0-9]+)\\.0+");

  @Override
  public Integer convert(String text) {
    Matcher whole = ZERO_FRACTION.matcher(text.strip());
    return NumberConverters.wholeNumber(whole.matches() ? whole.group(1) : text);
  }
}

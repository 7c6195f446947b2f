package dev.vidgen.core.text;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a request preview names the local files a job would upload ({@code upload://NAME}): by their
 * names as people read them, the same file given twice once, and two files of the same name told
 * apart by as much of their folders as it takes ({@code still.png}, {@code sub/still.png}).
 */
public final class UploadNames {
  private static final String SCHEME = "upload://";

  private UploadNames() {}

  /**
   * The name each of {@code files} is shown by, in their order: the file's name, or for a later file
   * of a name already shown, its last folders and name ({@code sub/still.png}). The same file (through
   * another path or a link) has the same name.
   */
  public static List<String> of(List<Path> files) {
    Map<Path, String> byFile = new HashMap<>();
    Set<String> shown = new HashSet<>();
    List<String> names = new ArrayList<>();
    for (Path file : files) {
      names.add(byFile.computeIfAbsent(sameFile(file), real -> distinct(file, shown)));
    }
    return List.copyOf(names);
  }

  /** The stand-in URI for {@code name} as a provider's preview receives it: {@code upload://} and the name encoded. */
  public static URI placeholder(String name) {
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("/", -1)) {
      segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return URI.create(SCHEME + String.join("/", segments));
  }

  /** The stand-in for {@code name} as a JSON body shows it once readable: {@code upload://} and the name, escaped. */
  public static String inJson(String name) {
    StringBuilder text = new StringBuilder(SCHEME);
    for (char c : name.toCharArray()) {
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        default -> {
          if (c < 0x20) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.toString();
  }

  /**
   * {@code body} with each {@link #placeholder} of {@code names} in it written as {@link #inJson}: the name
   * as it reads, not percent-encoded. A placeholder the body spells otherwise is left as it is.
   */
  public static String readable(String body, List<String> names) {
    String text = body;
    for (String name : new HashSet<>(names)) {
      text = replaceWhole(text, placeholder(name).toString(), inJson(name));
    }
    return text;
  }

  /** {@code text} with {@code token} replaced where it is whole: not the start of a longer stand-in. */
  private static String replaceWhole(String text, String token, String replacement) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
      int end = at + token.length();
      if (end < text.length() && isInStandIn(text.charAt(end))) {
        continue;
      }
      out.append(text, from, at).append(replacement);
      from = end;
    }
    return out.append(text, from, text.length()).toString();
  }

  /** Whether {@code c} may be part of a {@link #placeholder}. */
  private static boolean isInStandIn(char c) {
    return Character.isLetterOrDigit(c) || "%._~/*-".indexOf(c) >= 0;
  }

  private static String distinct(Path file, Set<String> shown) {
    Path absolute = file.toAbsolutePath().normalize();
    int count = absolute.getNameCount();
    for (int last = 1; last <= count; last++) {
      String name = absolute.subpath(count - last, count).toString().replace(absolute.getFileSystem().getSeparator(),
          "/");
      if (shown.add(name)) {
        return name;
      }
    }
    String base = count == 0 ? "file" : absolute.getFileName().toString();
    for (int nth = 2; ; nth++) {
      if (shown.add(base + "#" + nth)) {
        return base + "#" + nth;
      }
    }
  }

  /** What tells two paths of one file apart from two files: the real path (links followed), else the normalized one. */
  private static Path sameFile(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException | SecurityException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}

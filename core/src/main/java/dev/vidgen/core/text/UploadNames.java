package dev.vidgen.core.text;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a request preview names the local files a job would upload ({@code upload://NAME}): by their
 * names as people read them, the same file given twice once, and files of the same name each told
 * apart by as many of their last folders as it takes ({@code sub/still.png}, {@code work/still.png}).
 */
public final class UploadNames {
  private static final String SCHEME = "upload://";

  private UploadNames() {}

  /**
   * The name each of {@code files} is shown by, in their order: the file's name, or, when different files
   * share a name, each of them with as many of its last folders as it takes to tell them all apart
   * ({@code a/x/still.png}, {@code b/x/still.png}). The same file (through another path or a link) has one name.
   */
  public static List<String> of(List<Path> files) {
    List<Path> realFiles = files.stream().map(UploadNames::sameFile).toList();
    Map<Path, Path> shownPathByFile = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      shownPathByFile.putIfAbsent(realFiles.get(i), files.get(i).toAbsolutePath().normalize());
    }
    Map<String, List<Path>> byBareName = new LinkedHashMap<>();
    for (Path shown : shownPathByFile.values()) {
      byBareName.computeIfAbsent(suffix(shown, 1), bare -> new ArrayList<>()).add(shown);
    }
    Map<Path, String> nameByShownPath = new HashMap<>();
    for (List<Path> sharing : byBareName.values()) {
      nameByShownPath.putAll(toldApart(sharing));
    }
    List<String> names = new ArrayList<>();
    for (Path real : realFiles) {
      names.add(nameByShownPath.get(shownPathByFile.get(real)));
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

  /**
   * Names for {@code sharing}, files of one name: each with the same number of last folders, the fewest that
   * tell them all apart; a file that still reads like another (no folders left) gets {@code #2}, {@code #3}.
   */
  private static Map<Path, String> toldApart(List<Path> sharing) {
    int most = sharing.stream().mapToInt(Path::getNameCount).max().orElse(1);
    int last = 1;
    while (last < most && !allDistinct(sharing, last)) {
      last++;
    }
    Map<Path, String> names = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (Path file : sharing) {
      String name = suffix(file, last);
      for (int nth = 2; !taken.add(name); nth++) {
        name = suffix(file, last) + "#" + nth;
      }
      names.put(file, name);
    }
    return names;
  }

  private static boolean allDistinct(List<Path> sharing, int last) {
    Set<String> seen = new HashSet<>();
    return sharing.stream().allMatch(file -> seen.add(suffix(file, last)));
  }

  /** The last {@code last} parts of {@code absolute} (all of them if it has fewer), joined by {@code /}. */
  private static String suffix(Path absolute, int last) {
    int count = absolute.getNameCount();
    if (count == 0) {
      return "file";
    }
    Path tail = absolute.subpath(Math.max(0, count - last), count);
    return tail.toString().replace(absolute.getFileSystem().getSeparator(), "/");
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

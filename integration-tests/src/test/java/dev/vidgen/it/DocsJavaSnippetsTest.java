package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```java} block in README.md and docs/ compiles as a reader would paste it: with
 * its own imports and nothing else. A block of statements may name the variables it takes from
 * the text around it in an HTML comment just above it, {@code <!-- given: VidgenClient client -->},
 * which becomes the parameter list of the method the statements are compiled in.
 */
class DocsJavaSnippetsTest {
  private static final Pattern TYPE_DECLARATION = Pattern.compile(
      "(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");
  private static final Pattern GIVEN = Pattern.compile("<!--\\s*given:\\s*(.*?)\\s*-->");

  @TempDir Path classes;

  record Snippet(String where, String given, String code) {
    @Override
    public String toString() {
      return where;
    }
  }

  static Stream<Snippet> snippets() throws IOException {
    Path root = DocSnippets.find("README.md").getParent();
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<Snippet> found = new ArrayList<>();
    for (Path page : pages) {
      found.addAll(read(root.relativize(page).toString(), Files.readAllLines(page, StandardCharsets.UTF_8)));
    }
    return found.stream();
  }

  static List<Snippet> read(String name, List<String> lines) {
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      String given = "";
      if (i > 0) {
        Matcher comment = GIVEN.matcher(lines.get(i - 1));
        if (comment.find()) {
          given = comment.group(1);
        }
      }
      StringBuilder code = new StringBuilder();
      int start = i + 1;
      for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      found.add(new Snippet(name + ":" + start, given, code.toString()));
    }
    return found;
  }

  @Test
  void theDocsHaveJavaSnippets() throws IOException {
    assertThat(snippets().count()).as("java blocks in README.md and docs/").isGreaterThan(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void compilesWithItsOwnImports(Snippet snippet) throws IOException {
    String first = compile(snippet, asWritten(snippet));
    if (first == null) {
      return;
    }
    if (!TYPE_DECLARATION.matcher(withoutImports(snippet.code())).find()) {
      String members = compile(snippet, asMembers(snippet));
      if (members == null) {
        return;
      }
    }
    throw new AssertionError(snippet.where() + " does not compile as a reader would paste it:\n" + first
        + "\n--- the block ---\n" + snippet.code());
  }

  /** Type declarations as they are; statements inside a method that takes the given variables. */
  private static List<Source> asWritten(Snippet snippet) {
    String body = withoutImports(snippet.code());
    String imports = imports(snippet.code());
    Matcher type = TYPE_DECLARATION.matcher(body);
    if (type.find()) {
      String publicType = publicTypeName(body);
      return List.of(new Source(publicType == null ? "Snippet" : publicType, imports + body));
    }
    return List.of(new Source("Snippet", imports
        + "class Snippet {\n  void snippet(" + snippet.given() + ") throws Exception {\n" + body + "\n  }\n}\n"));
  }

  /** The block as members of a class (a field, a method, a test). */
  private static List<Source> asMembers(Snippet snippet) {
    return List.of(new Source("Snippet", imports(snippet.code())
        + "abstract class Snippet {\n" + withoutImports(snippet.code()) + "\n}\n"));
  }

  private static String publicTypeName(String body) {
    Matcher matcher = Pattern.compile("(?m)^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)")
        .matcher(body);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String imports(String code) {
    StringBuilder imports = new StringBuilder();
    code.lines().filter(line -> line.startsWith("import ")).forEach(line -> imports.append(line).append('\n'));
    return imports.toString();
  }

  private static String withoutImports(String code) {
    StringBuilder body = new StringBuilder();
    code.lines().filter(line -> !line.startsWith("import ")).forEach(line -> body.append(line).append('\n'));
    return body.toString();
  }

  record Source(String typeName, String text) {}

  /** Null when the sources compile, else javac's errors. */
  private String compile(Snippet snippet, List<Source> sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory(classes, "out");
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<JavaFileObject> units = sources.stream().map(DocsJavaSnippetsTest::unit).toList();
      List<String> options = List.of("-proc:none", "-Xlint:none", "-d", out.toString(), "-classpath", classPath());
      boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
      if (ok) {
        return null;
      }
    }
    StringBuilder errors = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.append("  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
      }
    }
    return errors.toString();
  }

  private static JavaFileObject unit(Source source) {
    return new SimpleJavaFileObject(URI.create("string:///" + source.typeName() + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source.text();
      }
    };
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}

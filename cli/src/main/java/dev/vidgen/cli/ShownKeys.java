package dev.vidgen.cli;

import dev.vidgen.core.port.ApiKey;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API keys a command's output masks wherever a provider's words echo one: every word a command prints, on stdout
 * and stderr, as text or {@code --json}, passes through here, so that no command can show a key in clear. Only values
 * that can be real keys are masked ({@link EnvironmentKeys#of}), and never a {@code --json} field name.
 */
final class ShownKeys {
  private static final ShownKeys NONE = new ShownKeys(List.of());

  private final List<ApiKey> keys;

  private ShownKeys(List<ApiKey> keys) {
    this.keys = keys;
  }

  /** Masks nothing: for output made before an environment is read. */
  static ShownKeys none() {
    return NONE;
  }

  /** Masks each key of {@code env} ({@link EnvironmentKeys}). */
  static ShownKeys of(Map<String, String> env) {
    return new ShownKeys(EnvironmentKeys.of(env));
  }

  /** {@code text} with each key shown masked, in clear or encoded; null stays null. */
  String hide(String text) {
    String hidden = text;
    for (ApiKey key : keys) {
      hidden = key.maskIn(hidden);
    }
    return hidden;
  }

  /** {@code writer}, masking the keys in each piece of text written to it; {@code writer} itself when none. */
  PrintWriter writer(PrintWriter writer) {
    return keys.isEmpty() ? writer : new PrintWriter(new Hiding(writer, this));
  }

  /**
   * A view of a JSON tree (maps, lists, strings) with the keys masked in every string value, made as it is read: a
   * batch's tree of 200,000 jobs is never copied. Field names are vidgen's own words and pass through unchanged.
   */
  Object tree(Object value) {
    if (keys.isEmpty()) {
      return value;
    }
    if (value instanceof String text) {
      return hide(text);
    }
    if (value instanceof CharSequence || value instanceof URI) {
      return hide(value.toString());
    }
    if (value instanceof Map<?, ?> map) {
      return new HiddenMap(map, this);
    }
    if (value instanceof Iterable<?> items) {
      return (Iterable<Object>) () -> new HiddenItems(items.iterator(), this);
    }
    if (value instanceof Object[] items) {
      return tree(Arrays.asList(items));
    }
    return value;
  }

  /** Passes text on with the keys masked in each piece written whole (a line, a cell, a progress line). */
  private static final class Hiding extends FilterWriter {
    private final ShownKeys shown;

    Hiding(Writer out, ShownKeys shown) {
      super(out);
      this.shown = shown;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      write(new String(chars, offset, length));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      out.write(shown.hide(text.substring(offset, offset + length)));
    }

    @Override
    public void close() throws IOException {
      flush(); // the stream below is the command's own, not this writer's to close
    }
  }

  /** A map whose values are read through {@link #tree}; its field names are kept as they are. */
  private static final class HiddenMap extends AbstractMap<Object, Object> {
    private final Map<?, ?> map;
    private final ShownKeys shown;

    HiddenMap(Map<?, ?> map, ShownKeys shown) {
      this.map = map;
      this.shown = shown;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<Object, Object>> iterator() {
          Iterator<? extends Entry<?, ?>> entries = map.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return entries.hasNext();
            }

            @Override
            public Entry<Object, Object> next() {
              Entry<?, ?> entry = entries.next();
              return new SimpleImmutableEntry<>(entry.getKey(), shown.tree(entry.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return map.size();
        }
      };
    }
  }

  /** Items read through {@link #tree}. */
  private record HiddenItems(Iterator<?> items, ShownKeys shown) implements Iterator<Object> {
    @Override
    public boolean hasNext() {
      return items.hasNext();
    }

    @Override
    public Object next() {
      return shown.tree(items.next());
    }
  }
}

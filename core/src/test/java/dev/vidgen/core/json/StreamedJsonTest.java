package dev.vidgen.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class StreamedJsonTest {
  private static final String[] PIECES = {"a", "é", "中", "😀", "\"", "\\", "\n", "\u2028", " ", "z"};

  @Test
  void aStreamedDocumentIsTheTextOfTheWholeOneWhereverItsCharactersFallBetweenWrites() throws IOException {
    Random random = new Random(20261205L);
    for (int round = 0; round < 50; round++) {
      Object tree = randomTree(random, 3 + random.nextInt(400));
      ChunkedWriter out = new ChunkedWriter();

      JsonTrees.write(tree, out);

      assertThat(out.text.toString()).as("round %d", round).isEqualTo(JsonTrees.write(tree));
      assertThat(out.open).isTrue();
      assertThat(out.flushed).isTrue();
    }
  }

  @Test
  void aLargeDocumentReachesTheWriterInPiecesBeforeItEnds() throws IOException {
    List<Object> jobs = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      jobs.add(Map.of("id", "job-" + i, "prompt", "😀 a bottle on a table, 中 " + i));
    }
    ChunkedWriter out = new ChunkedWriter();

    JsonTrees.write(Map.of("jobs", jobs), out);

    assertThat(out.writes).isGreaterThan(10);
    assertThat(JsonTrees.parse(out.text.toString())).isEqualTo(JsonTrees.parse(JsonTrees.write(Map.of("jobs", jobs))));
  }

  @Test
  void onlyWholeCharactersAreDecoded() throws IOException {
    Buffer bytes = new Buffer().writeUtf8("ab😀");
    assertThat(CharsSink.wholeCharacters(bytes)).isEqualTo(6);
    Buffer cut = new Buffer().write(new Buffer().writeUtf8("ab😀").readByteArray(5));
    assertThat(CharsSink.wholeCharacters(cut)).isEqualTo(2);
    Buffer cutEarly = new Buffer().write(new Buffer().writeUtf8("x中").readByteArray(2));
    assertThat(CharsSink.wholeCharacters(cutEarly)).isEqualTo(1);
  }

  private static Object randomTree(Random random, int size) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      map.put("k" + i, i % 7 == 0 ? List.of(text.toString(), (long) i, true) : text.toString());
    }
    return map;
  }

  /** Keeps what it is given and how many writes it took, and whether it was closed. */
  private static final class ChunkedWriter extends Writer {
    final StringWriter text = new StringWriter();
    int writes;
    boolean open = true;
    boolean flushed;

    @Override
    public void write(char[] chars, int offset, int length) {
      writes++;
      text.write(chars, offset, length);
    }

    @Override
    public void write(String string) {
      writes++;
      text.write(string);
    }

    @Override
    public void flush() {
      flushed = true;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}

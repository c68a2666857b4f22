package dev.farcall.heuristics.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

class JarReaderTests {

  private final JarReader reader = new JarReader(JarLimits.defaults());

  @Test
  void readsPlainJarClassesByTheirOwnNames() {
    ProgramClasses classes =
        read(zip(Map.of("com/x/A.class", type("com/x/A"), "README.txt", new byte[] {1})));
    assertThat(classes.classes()).containsOnlyKeys("com/x/A");
  }

  @Test
  void readsSpringBootLayoutAndNestedJars() {
    byte[] lib = zip(Map.of("org/lib/L.class", type("org/lib/L")));
    byte[] app =
        zip(
            Map.of(
                "BOOT-INF/classes/com/x/App.class", type("com/x/App"),
                "BOOT-INF/lib/lib.jar", lib,
                "lib/other.jar", zip(Map.of("org/other/O.class", type("org/other/O")))));
    ProgramClasses classes = read(app);
    assertThat(classes.classes()).containsOnlyKeys("com/x/App", "org/lib/L", "org/other/O");
    assertThat(classes.sources()).hasSize(3).first().isEqualTo("app.jar");
  }

  @Test
  void firstDefinitionOfAClassWinsAsOnAClassPath() {
    byte[] nested = zip(Map.of("com/x/A.class", type("com/x/A", "fromNested")));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("com/x/A.class", type("com/x/A", "fromTop"));
    entries.put("lib/n.jar", nested);
    byte[] top = read(zip(entries)).classes().get("com/x/A");
    assertThat(new String(top, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("fromTop");
  }

  @Test
  void readsTheDeclarationsFileShippedInTheJar() {
    ProgramClasses classes =
        read(zip(Map.of(ProgramClasses.DECLARATIONS_ENTRY, "pure a.B#c".getBytes())));
    assertThat(classes.resources()).containsKey(ProgramClasses.DECLARATIONS_ENTRY);
  }

  @Test
  void rejectsWhatIsNotAJar() {
    assertThatThrownBy(() -> read("just text".getBytes()))
        .isInstanceOf(JarFormatException.class)
        .hasMessageContaining("not a jar");
  }

  @Test
  void rejectsACorruptClassNamingTheEntry() {
    assertThatThrownBy(() -> read(zip(Map.of("com/x/Bad.class", new byte[] {1, 2, 3}))))
        .isInstanceOf(JarFormatException.class)
        .satisfies(e -> assertThat(((JarFormatException) e).entry()).isEqualTo("com/x/Bad.class"));
  }

  @Test
  void stopsAtTheEntryLimit() {
    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      many.put("f" + i + ".txt", new byte[] {1});
    }
    JarReader small = new JarReader(new JarLimits(10, 1 << 20, 1 << 20, 2));
    assertThatThrownBy(() -> small.read(new ByteArrayInputStream(zip(many)), "app.jar"))
        .isInstanceOf(JarLimitExceededException.class)
        .satisfies(
            e -> assertThat(((JarLimitExceededException) e).limit()).isEqualTo("maxEntries"));
  }

  @Test
  void stopsAZipBombByCountingInflatedBytes() {
    // 8 MiB of zeros compress to a few KiB; the cap counts what is inflated, not the header
    byte[] bomb = zip(Map.of("lib/bomb.jar", new byte[8 << 20]));
    JarReader small = new JarReader(new JarLimits(100, 1 << 20, 4 << 20, 2));
    assertThat(bomb.length).isLessThan(100_000);
    assertThatThrownBy(() -> small.read(new ByteArrayInputStream(bomb), "app.jar"))
        .isInstanceOf(JarLimitExceededException.class)
        .hasMessageContaining("maxEntryBytes");
  }

  @Test
  void stopsAtTheNestingLimit() {
    byte[] level2 = zip(Map.of("a/A.class", type("a/A")));
    byte[] level1 = zip(Map.of("lib/l2.jar", level2));
    byte[] top = zip(Map.of("lib/l1.jar", level1));
    JarReader flat = new JarReader(new JarLimits(100, 1 << 20, 1 << 22, 1));
    assertThatThrownBy(() -> flat.read(new ByteArrayInputStream(top), "app.jar"))
        .isInstanceOf(JarLimitExceededException.class)
        .hasMessageContaining("maxNestingDepth");
  }

  private ProgramClasses read(byte[] jar) {
    return reader.read(new ByteArrayInputStream(jar), "app.jar");
  }

  static byte[] type(String name) {
    return type(name, "");
  }

  static byte[] type(String name, String marker) {
    ClassWriter c = new ClassWriter(0);
    c.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
    if (!marker.isEmpty()) {
      c.visitField(Opcodes.ACC_STATIC, marker, "I", null, null).visitEnd();
    }
    c.visitEnd();
    return c.toByteArray();
  }

  static byte[] zip(Map<String, byte[]> entries) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          zip.putNextEntry(new ZipEntry(e.getKey()));
          zip.write(e.getValue());
          zip.closeEntry();
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

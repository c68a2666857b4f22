package dev.farcall.heuristics.knowledge;

import dev.farcall.heuristics.Effect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Effects, mutated arguments and result freshness of library (JDK) methods, read from a text file.
 * The built-in file is {@value #JDK_RESOURCE}; a user-supplied file {@link #merge(String, String)
 * merges in}, its entries replacing built-in entries for the same target.
 *
 * <h2>Format</h2>
 *
 * One entry per line, {@code #} starts a comment line:
 *
 * <pre>
 * TARGET ATTRIBUTE...
 * TARGET    := package.*  |  pkg.Class  |  pkg.Class#name[,name...]  |  pkg.Class#name(descriptor)
 * ATTRIBUTE := pure | IO | GLOBAL_WRITE | ... (any {@link Effect}) | mutates=receiver,0,2 | fresh
 *            | concurrent-sink | parallel
 * </pre>
 *
 * {@code pure} means no effects; {@code mutates} lists what the method writes (receiver, or 0-based
 * argument positions); {@code fresh} says the result is a new object. A package entry covers the
 * package and its subpackages (the longest matching package wins).
 *
 * <h2>Lookup</h2>
 *
 * For a call of {@code C#m(d)}: an entry for {@code C#m(d)} or {@code C#m}; then such an entry on a
 * supertype of {@code C} (other than {@code Object}), nearest first; then the class entry of {@code
 * C}; the package entry of {@code C}; class entries of supertypes; package entries of supertypes;
 * entries on {@code java.lang.Object#m}. When nothing matches the lookup is empty and the analysis
 * treats the method as {@link Effect#UNKNOWN}: unknown is not pure.
 */
public final class KnowledgeBase {

  /** Class-path resource holding the built-in JDK knowledge. */
  public static final String JDK_RESOURCE = "/dev/farcall/heuristics/jdk-knowledge.txt";

  /** Supertypes of a library class, nearest first, without the class itself and Object. */
  @FunctionalInterface
  public interface Supertypes {
    List<String> of(String className);
  }

  private final Map<String, LibraryBehavior> methodEntries;
  private final Map<String, LibraryBehavior> classEntries;
  private final Map<String, LibraryBehavior> packageEntries;

  private KnowledgeBase(
      Map<String, LibraryBehavior> methodEntries,
      Map<String, LibraryBehavior> classEntries,
      Map<String, LibraryBehavior> packageEntries) {
    this.methodEntries = methodEntries;
    this.classEntries = classEntries;
    this.packageEntries = packageEntries;
  }

  /** An empty knowledge base: every library call is unknown. */
  public static KnowledgeBase empty() {
    return new KnowledgeBase(new HashMap<>(), new HashMap<>(), new HashMap<>());
  }

  /** The built-in JDK knowledge base. */
  public static KnowledgeBase jdk() {
    try (InputStream in = KnowledgeBase.class.getResourceAsStream(JDK_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + JDK_RESOURCE);
      }
      return empty()
          .merge(new String(in.readAllBytes(), StandardCharsets.UTF_8), "jdk-knowledge.txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A knowledge base with the entries of {@code text} added, replacing entries for the same target.
   *
   * @param source names the text in errors and in reasons
   * @throws KnowledgeFormatException naming the line of the first malformed entry
   */
  public KnowledgeBase merge(String text, String source) {
    Map<String, LibraryBehavior> methods = new HashMap<>(methodEntries);
    Map<String, LibraryBehavior> classes = new HashMap<>(classEntries);
    Map<String, LibraryBehavior> packages = new HashMap<>(packageEntries);
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] tokens = line.split("\\s+");
      String target = tokens[0];
      LibraryBehavior behavior = parseAttributes(tokens, source, i + 1, target);
      if (target.endsWith(".*")) {
        packages.put(target.substring(0, target.length() - 2), behavior);
      } else if (target.contains("#")) {
        String owner = target.substring(0, target.indexOf('#'));
        String member = target.substring(target.indexOf('#') + 1);
        checkName(owner, source, i + 1);
        int paren = member.indexOf('(');
        if (paren >= 0) {
          methods.put(owner + "#" + member, behavior);
        } else {
          for (String name : member.split(",")) {
            if (name.isEmpty()) {
              throw new KnowledgeFormatException(source, i + 1, "empty method name in " + target);
            }
            methods.put(owner + "#" + name, behavior);
          }
        }
      } else {
        checkName(target, source, i + 1);
        classes.put(target, behavior);
      }
    }
    return new KnowledgeBase(Map.copyOf(methods), Map.copyOf(classes), Map.copyOf(packages));
  }

  private static void checkName(String name, String source, int line) {
    if (name.isEmpty() || !name.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*")) {
      throw new KnowledgeFormatException(source, line, "not a class name: " + name);
    }
  }

  private static LibraryBehavior parseAttributes(
      String[] tokens, String source, int line, String target) {
    if (tokens.length < 2) {
      throw new KnowledgeFormatException(source, line, "no attributes for " + target);
    }
    Set<Effect> effects = EnumSet.noneOf(Effect.class);
    boolean receiver = false;
    long args = 0;
    boolean fresh = false;
    boolean sink = false;
    boolean parallel = false;
    for (int t = 1; t < tokens.length; t++) {
      String token = tokens[t];
      if (token.equals("pure")) {
        continue;
      } else if (token.equals("fresh")) {
        fresh = true;
      } else if (token.equals("concurrent-sink")) {
        sink = true;
      } else if (token.equals("parallel")) {
        parallel = true;
      } else if (token.startsWith("mutates=")) {
        for (String what : token.substring("mutates=".length()).split(",")) {
          if (what.equals("receiver")) {
            receiver = true;
          } else {
            try {
              int k = Integer.parseInt(what);
              if (k < 0 || k > 63) {
                throw new NumberFormatException();
              }
              args |= 1L << k;
            } catch (NumberFormatException e) {
              throw new KnowledgeFormatException(
                  source, line, "mutates= takes 'receiver' or argument positions 0..63: " + what);
            }
          }
        }
      } else {
        try {
          effects.add(Effect.valueOf(token.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new KnowledgeFormatException(source, line, "unknown attribute " + token);
        }
      }
    }
    return new LibraryBehavior(
        effects, receiver, args, fresh, sink, parallel, source + ":" + line + " " + target);
  }

  /**
   * The behaviour of a library method, or empty when the knowledge base does not cover it.
   *
   * @param className dotted class name of the call's owner
   * @param descriptor JVM method descriptor
   */
  public Optional<LibraryBehavior> lookup(
      String className, String methodName, String descriptor, Supertypes supertypes) {
    LibraryBehavior found = methodEntry(className, methodName, descriptor);
    if (found != null) {
      return Optional.of(found);
    }
    List<String> supers = supertypes.of(className);
    for (String s : supers) {
      found = methodEntry(s, methodName, descriptor);
      if (found != null) {
        return Optional.of(found);
      }
    }
    found = classEntries.get(className);
    if (found == null) {
      found = packageEntry(className);
    }
    for (int i = 0; found == null && i < supers.size(); i++) {
      found = classEntries.get(supers.get(i));
    }
    for (int i = 0; found == null && i < supers.size(); i++) {
      found = packageEntry(supers.get(i));
    }
    if (found == null) {
      found = methodEntry("java.lang.Object", methodName, descriptor);
    }
    return Optional.ofNullable(found);
  }

  private LibraryBehavior methodEntry(String className, String methodName, String descriptor) {
    LibraryBehavior exact = methodEntries.get(className + "#" + methodName + descriptor);
    return exact != null ? exact : methodEntries.get(className + "#" + methodName);
  }

  private LibraryBehavior packageEntry(String className) {
    String name = className;
    int dot;
    while ((dot = name.lastIndexOf('.')) > 0) {
      name = name.substring(0, dot);
      LibraryBehavior found = packageEntries.get(name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}

package dev.farcall.heuristics.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.objectweb.asm.Type;

/**
 * The programmer's declarations for code they cannot annotate, from a text file uploaded with the
 * program (or shipped in its jar as {@code META-INF/farcall/declarations.txt}).
 *
 * <h2>Format</h2>
 *
 * One declaration per line; blank lines and lines starting with {@code #} or {@code //} are
 * ignored:
 *
 * <pre>
 * pure   org.lib.Native#compute(I)I     # one overload
 * pure   org.lib.MathUtil#gcd            # every overload
 * pinned com.x.Y                         # every method of a class
 * remote com.x.Heavy#crunch
 * </pre>
 *
 * A trailing {@code #} comment after whitespace is allowed. Errors name the line.
 */
public final class Declarations {

  /** What a declaration says. */
  public enum Kind {
    /** Trust as effect-free, even where analysis cannot see inside (native, missing library). */
    PURE,
    /** Never move, and never move a caller that would run it remotely. */
    PINNED,
    /** Prefer remote when movable; never makes an unmovable method move. */
    REMOTE
  }

  /**
   * One declaration.
   *
   * @param kind what it declares
   * @param className dotted class name
   * @param methodName method name, or empty for every method of the class
   * @param descriptor method descriptor, or empty for every overload
   * @param source where it comes from, {@code file:line}
   */
  public record Declaration(
      Kind kind, String className, String methodName, String descriptor, String source) {

    /** Whether this declaration covers the method. */
    public boolean covers(String owner, String name, String desc) {
      return className.equals(owner)
          && (methodName.isEmpty() || methodName.equals(name))
          && (descriptor.isEmpty() || descriptor.equals(desc));
    }

    /** Human-readable form, as used in reasons. */
    @Override
    public String toString() {
      String target = className + (methodName.isEmpty() ? "" : "#" + methodName) + descriptor;
      return kind.name().toLowerCase(Locale.ROOT) + " " + target + " (" + source + ")";
    }
  }

  private static final Declarations NONE = new Declarations(List.of());

  private final List<Declaration> entries;

  private Declarations(List<Declaration> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No declarations. */
  public static Declarations none() {
    return NONE;
  }

  /**
   * Parses a declarations file.
   *
   * @param source names the file in errors and reasons
   * @throws KnowledgeFormatException naming the first malformed line
   */
  public static Declarations parse(String text, String source) {
    List<Declaration> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int comment = line.indexOf(" #");
      if (comment >= 0) {
        line = line.substring(0, comment).strip();
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      entries.add(parseLine(line, source, i + 1));
    }
    return new Declarations(entries);
  }

  private static Declaration parseLine(String line, String source, int number) {
    String[] tokens = line.split("\\s+");
    if (tokens.length != 2) {
      throw new KnowledgeFormatException(
          source,
          number,
          "expected '<pure|pinned|remote> <class>[#method[(descriptor)]]': " + line);
    }
    Kind kind;
    try {
      kind = Kind.valueOf(tokens[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new KnowledgeFormatException(
          source, number, "unknown declaration '" + tokens[0] + "' (pure, pinned or remote)");
    }
    String target = tokens[1];
    String className = target;
    String methodName = "";
    String descriptor = "";
    int hash = target.indexOf('#');
    if (hash >= 0) {
      className = target.substring(0, hash);
      methodName = target.substring(hash + 1);
      int paren = methodName.indexOf('(');
      if (paren >= 0) {
        descriptor = methodName.substring(paren);
        methodName = methodName.substring(0, paren);
        try {
          Type.getMethodType(descriptor).getArgumentTypes();
          if (!descriptor.matches("\\(.*\\)(V|\\[*([ZBCSIJFD]|L[^;]+;))")) {
            throw new IllegalArgumentException();
          }
        } catch (RuntimeException e) {
          throw new KnowledgeFormatException(
              source, number, "not a method descriptor: " + descriptor);
        }
      }
      if (!methodName.matches("<init>|[\\p{L}_$][\\p{L}\\p{N}_$]*")) {
        throw new KnowledgeFormatException(source, number, "not a method name: " + methodName);
      }
    }
    if (!className.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
      throw new KnowledgeFormatException(source, number, "not a class name: " + className);
    }
    return new Declaration(kind, className, methodName, descriptor, source + ":" + number);
  }

  /** Declarations of both, this one's first. */
  public Declarations with(Declarations more) {
    List<Declaration> all = new ArrayList<>(entries);
    all.addAll(more.entries);
    return new Declarations(all);
  }

  /** The first declaration of this kind covering the method. */
  public Optional<Declaration> find(Kind kind, String className, String methodName, String desc) {
    for (Declaration d : entries) {
      if (d.kind() == kind && d.covers(className, methodName, desc)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** All declarations, in file order. */
  public List<Declaration> entries() {
    return entries;
  }
}

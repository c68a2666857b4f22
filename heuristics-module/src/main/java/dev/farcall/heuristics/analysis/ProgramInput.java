package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.jar.JarFormatException;
import dev.farcall.heuristics.jar.ProgramClasses;
import dev.farcall.heuristics.knowledge.Declarations;
import dev.farcall.model.MethodId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The input phase of an {@link AnalysisRun}: reads the jar's class files and its declarations file,
 * and creates the node of every program method with what needs no flow analysis: its {@code @Pure},
 * {@code @Pinned} and {@code @Remote} annotations and declarations, its size and its loops.
 */
final class ProgramInput {

  private static final String PURE = "Ldev/farcall/api/Pure;";
  private static final String PINNED = "Ldev/farcall/api/Pinned;";
  private static final String REMOTE = "Ldev/farcall/api/Remote;";

  private ProgramInput() {}

  /** The program's classes by internal name, in the jar's order. */
  static Map<String, ClassNode> readClasses(ProgramClasses input, JdkTypes jdk) {
    Map<String, ClassNode> classes = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : input.classes().entrySet()) {
      String name = e.getKey();
      if (isJdkNamespace(name) && jdk.isJdk(name.replace('/', '.'))) {
        continue; // the JVM would load the JDK's class, never the jar's
      }
      ClassNode c = new ClassNode();
      try {
        new ClassReader(e.getValue()).accept(c, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
      } catch (RuntimeException ex) {
        throw new JarFormatException(name + ".class", "not a valid class file", ex);
      }
      classes.put(c.name, c);
    }
    return classes;
  }

  private static boolean isJdkNamespace(String internal) {
    return internal.startsWith("java/")
        || internal.startsWith("javax/")
        || internal.startsWith("jdk/")
        || internal.startsWith("sun/")
        || internal.startsWith("com/sun/");
  }

  /** The configured declarations, with those of the jar's declarations file if it has one. */
  static Declarations readDeclarations(ProgramClasses input, Declarations configured) {
    Declarations declarations = configured;
    byte[] file = input.resources().get(ProgramClasses.DECLARATIONS_ENTRY);
    if (file != null) {
      declarations =
          declarations.with(
              Declarations.parse(
                  new String(file, StandardCharsets.UTF_8), ProgramClasses.DECLARATIONS_ENTRY));
    }
    return declarations;
  }

  /** Adds a node for every method of the classes to {@code nodes} and {@code programNodes}. */
  static void createProgramNodes(
      Iterable<ClassNode> classes,
      Declarations declarations,
      Map<MethodId, Node> nodes,
      List<Node> programNodes) {
    for (ClassNode c : classes) {
      for (MethodNode m : c.methods) {
        boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        boolean isAbstract = (m.access & Opcodes.ACC_ABSTRACT) != 0;
        MethodId ref = MethodId.ofInternal(c.name, m.name, m.desc);
        Node n =
            new Node(
                nodes.size(), ref, isAbstract ? Node.Kind.ABSTRACT : Node.Kind.PROGRAM, isStatic);
        n.owner = c;
        n.method = m;
        applyDeclarations(n, c, m, declarations);
        estimate(n);
        nodes.put(ref, n);
        programNodes.add(n);
      }
    }
  }

  private static void applyDeclarations(
      Node n, ClassNode c, MethodNode m, Declarations declarations) {
    String cls = n.ref.className();
    n.pureAnnotation = annotated("@Pure", PURE, n, c, m);
    n.pureDeclaration = declarations.find(Declarations.Kind.PURE, cls, m.name, m.desc).orElse(null);
    n.pinnedAnnotation = annotated("@Pinned", PINNED, n, c, m);
    n.pinnedDeclaration =
        declarations.find(Declarations.Kind.PINNED, cls, m.name, m.desc).orElse(null);
    boolean remoteDeclared =
        declarations.find(Declarations.Kind.REMOTE, cls, m.name, m.desc).isPresent();
    n.remoteHint =
        annotation(m.visibleAnnotations, REMOTE) != null
            || annotation(c.visibleAnnotations, REMOTE) != null
            || remoteDeclared;
    if (n.trustedPure()) {
      n.declared.add("Pure");
    }
    if (n.pinned()) {
      n.declared.add("Pinned");
    }
    if (n.remoteHint) {
      n.declared.add("Remote");
    }
  }

  /**
   * Where an annotation is, e.g. {@code @Pure on A.f ("why")}, when the method or its class carries
   * it (the method's own wins); null when neither does.
   */
  private static String annotated(String name, String desc, Node n, ClassNode c, MethodNode m) {
    AnnotationNode own = annotation(m.visibleAnnotations, desc);
    AnnotationNode ofClass = annotation(c.visibleAnnotations, desc);
    if (own == null && ofClass == null) {
      return null;
    }
    return name
        + " on "
        + (own != null ? n.ref.shortName() : simpleName(c.name))
        + why(own != null ? own : ofClass);
  }

  private static String why(AnnotationNode a) {
    if (a.values != null) {
      for (int i = 0; i + 1 < a.values.size(); i += 2) {
        if ("value".equals(a.values.get(i)) && !"".equals(a.values.get(i + 1))) {
          return " (\"" + a.values.get(i + 1) + "\")";
        }
      }
    }
    return "";
  }

  private static AnnotationNode annotation(List<AnnotationNode> list, String desc) {
    if (list != null) {
      for (AnnotationNode a : list) {
        if (a.desc.equals(desc)) {
          return a;
        }
      }
    }
    return null;
  }

  private static String simpleName(String internal) {
    return internal.substring(internal.lastIndexOf('/') + 1);
  }

  /** Instruction count and loops: nesting and trip counts (see {@link LoopBounds}). */
  private static void estimate(Node n) {
    MethodNode m = n.method;
    LoopBounds loops = LoopBounds.of(m);
    int count = 0;
    for (AbstractInsnNode insn : m.instructions) {
      if (insn.getOpcode() >= 0) {
        count++;
      }
    }
    n.loopDepthAt = loops.depth;
    n.knownIterationsAt = loops.knownIterations;
    n.unknownLoopsAt = loops.unknownLoops;
    n.bodyExecutions = loops.executionsByUnknownLoops();
    n.instructionCount = count;
    n.maxLoopDepth = loops.maxDepth();
  }
}

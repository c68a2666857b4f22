package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.jar.JarFormatException;
import dev.farcall.heuristics.jar.ProgramClasses;
import dev.farcall.heuristics.knowledge.Declarations;
import dev.farcall.model.MethodId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/** One analysis of one program: the state and the phases (internal to {@link JarAnalyzer}). */
final class AnalysisRun {

  private static final String PURE = "Ldev/farcall/api/Pure;";
  private static final String PINNED = "Ldev/farcall/api/Pinned;";
  private static final String REMOTE = "Ldev/farcall/api/Remote;";
  private static final int MAX_SCC_ROUNDS = 8;
  private static final int ARG_MUTATION_BIT = 1 << Effect.ARG_MUTATION.ordinal();
  private static final int GLOBAL_READ_BIT = 1 << Effect.GLOBAL_READ.ordinal();
  private static final Set<Effect> UNSTABLE_INIT =
      EnumSet.of(
          Effect.IO,
          Effect.NONDETERMINISTIC,
          Effect.UNKNOWN,
          Effect.NATIVE,
          Effect.REFLECTION,
          Effect.THREADS,
          Effect.GLOBAL_READ,
          Effect.EXIT);

  private final ProgramClasses input;
  private final AnalysisOptions options;
  private final JdkTypes jdk = new JdkTypes();
  private final Map<MethodId, Node> nodes = new LinkedHashMap<>();
  private final List<Node> programNodes = new ArrayList<>();
  private final Map<String, ClassNode> classes = new LinkedHashMap<>();
  private ProgramIndex program;
  private Declarations declarations;

  AnalysisRun(ProgramClasses input, AnalysisOptions options) {
    this.input = input;
    this.options = options;
  }

  ProgramModel run() {
    long start = System.nanoTime();
    readClasses();
    readDeclarations();
    program = new ProgramIndex(classes, jdk);
    createProgramNodes();
    new CallGraphBuilder(program, options.knowledge(), declarations, jdk, nodes)
        .build(programNodes);
    markForkJoinBodies();
    summarise();
    Set<String> mutableStatics = new HashSet<>();
    for (Node n : programNodes) {
      mutableStatics.addAll(n.staticWrites);
    }
    propagateWithStatics(mutableStatics);
    markConcurrency();
    List<MethodAnalysis> verdicts = decide();
    List<CallSite> edges = callSites();
    return new ProgramModel(
        verdicts, edges, classes.size(), Duration.ofNanos(System.nanoTime() - start));
  }

  // ------------------------------------------------------------------ input

  private void readClasses() {
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
  }

  private static boolean isJdkNamespace(String internal) {
    return internal.startsWith("java/")
        || internal.startsWith("javax/")
        || internal.startsWith("jdk/")
        || internal.startsWith("sun/")
        || internal.startsWith("com/sun/");
  }

  private void readDeclarations() {
    declarations = options.declarations();
    byte[] file = input.resources().get(ProgramClasses.DECLARATIONS_ENTRY);
    if (file != null) {
      declarations =
          declarations.with(
              Declarations.parse(
                  new String(file, StandardCharsets.UTF_8), ProgramClasses.DECLARATIONS_ENTRY));
    }
  }

  private void createProgramNodes() {
    for (ClassNode c : classes.values()) {
      for (MethodNode m : c.methods) {
        boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        boolean isAbstract = (m.access & Opcodes.ACC_ABSTRACT) != 0;
        MethodId ref = MethodId.ofInternal(c.name, m.name, m.desc);
        Node n =
            new Node(
                nodes.size(), ref, isAbstract ? Node.Kind.ABSTRACT : Node.Kind.PROGRAM, isStatic);
        n.owner = c;
        n.method = m;
        applyDeclarations(n, c, m);
        estimate(n);
        nodes.put(ref, n);
        programNodes.add(n);
      }
    }
  }

  private void applyDeclarations(Node n, ClassNode c, MethodNode m) {
    String where = n.ref.shortName();
    AnnotationNode pure = annotation(m.visibleAnnotations, PURE);
    AnnotationNode classPure = annotation(c.visibleAnnotations, PURE);
    if (pure != null || classPure != null) {
      n.pureAnnotation =
          "@Pure on "
              + (pure != null ? where : simpleName(c.name))
              + why(pure != null ? pure : classPure);
      n.declared.add("Pure");
    }
    AnnotationNode pinned = annotation(m.visibleAnnotations, PINNED);
    AnnotationNode classPinned = annotation(c.visibleAnnotations, PINNED);
    if (pinned != null || classPinned != null) {
      n.pinnedAnnotation =
          "@Pinned on "
              + (pinned != null ? where : simpleName(c.name))
              + why(pinned != null ? pinned : classPinned);
      n.declared.add("Pinned");
    }
    if (annotation(m.visibleAnnotations, REMOTE) != null
        || annotation(c.visibleAnnotations, REMOTE) != null) {
      n.remoteHint = true;
      n.declared.add("Remote");
    }
    String cls = n.ref.className();
    declarations
        .find(Declarations.Kind.PURE, cls, m.name, m.desc)
        .ifPresent(
            d -> {
              n.pureDeclaration = d;
              n.declared.add("Pure");
            });
    declarations
        .find(Declarations.Kind.PINNED, cls, m.name, m.desc)
        .ifPresent(
            d -> {
              n.pinnedDeclaration = d;
              n.declared.add("Pinned");
            });
    declarations
        .find(Declarations.Kind.REMOTE, cls, m.name, m.desc)
        .ifPresent(
            d -> {
              n.remoteHint = true;
              n.declared.add("Remote");
            });
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

  private void markForkJoinBodies() {
    for (Node n : programNodes) {
      if (n.method.name.equals("compute")
          && n.method.desc.startsWith("()")
          && program.supertypesOf(n.owner.name).contains("java/util/concurrent/ForkJoinTask")) {
        n.concurrentBody = true;
      }
    }
  }

  // ------------------------------------------------------------------ summaries

  /** Per-method flow, callees before callers (by SCC), iterating inside recursive SCCs. */
  private void summarise() {
    findEmptyArrayConstants();
    for (List<Node> scc : stronglyConnectedComponents()) {
      boolean recursive =
          scc.size() > 1 || scc.get(0).out.stream().anyMatch(e -> e.to == scc.get(0));
      int round = 0;
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Node n : scc) {
          long mutated = n.mutated;
          long returned = n.returned;
          summariseOne(n);
          changed |= n.mutated != mutated || n.returned != returned;
        }
        if (!recursive) {
          break;
        }
        if (changed && ++round >= MAX_SCC_ROUNDS) {
          // give up on precision inside this recursion: assume the worst it could do
          for (Node n : scc) {
            long params = Origins.mutableParams(n.ref.descriptor(), n.isStatic);
            n.returned |= params | Origins.UNKNOWN;
          }
          for (Node n : scc) {
            summariseOne(n);
            n.returned |= Origins.mutableParams(n.ref.descriptor(), n.isStatic) | Origins.UNKNOWN;
          }
          break;
        }
      }
    }
  }

  private final Set<String> emptyArrays = new HashSet<>();

  /**
   * Static fields whose only assignment is {@code new T[0]} in their class's {@code <clinit>}: the
   * common {@code EMPTY_ARRAY} constants, which no store can change.
   */
  private void findEmptyArrayConstants() {
    Set<String> assignedElsewhere = new HashSet<>();
    for (ClassNode c : classes.values()) {
      for (MethodNode m : c.methods) {
        AbstractInsnNode previous2 = null;
        AbstractInsnNode previous = null;
        for (AbstractInsnNode insn : m.instructions) {
          if (insn.getOpcode() < 0) {
            continue;
          }
          if (insn.getOpcode() == Opcodes.PUTSTATIC) {
            org.objectweb.asm.tree.FieldInsnNode f = (org.objectweb.asm.tree.FieldInsnNode) insn;
            String key = program.fieldOwner(f.owner, f.name).replace('/', '.') + "." + f.name;
            boolean empty =
                m.name.equals("<clinit>")
                    && f.owner.equals(c.name)
                    && previous2 != null
                    && previous2.getOpcode() == Opcodes.ICONST_0
                    && (previous.getOpcode() == Opcodes.ANEWARRAY
                        || previous.getOpcode() == Opcodes.NEWARRAY);
            if (empty) {
              emptyArrays.add(key);
            } else {
              assignedElsewhere.add(key);
            }
          }
          previous2 = previous;
          previous = insn;
        }
      }
    }
    emptyArrays.removeAll(assignedElsewhere);
  }

  private void summariseOne(Node n) {
    if (n.kind != Node.Kind.PROGRAM) {
      return;
    }
    long params = Origins.mutableParams(n.ref.descriptor(), n.isStatic);
    if (ProgramIndex.isNative(n.method) || n.method.instructions.size() == 0) {
      if (n.trustedPure()) {
        n.returned = params | Origins.FRESH;
      } else {
        n.addLocalEffect(Effect.NATIVE, "native method");
        n.mutated = params;
        n.returned = params | Origins.UNKNOWN;
      }
      return;
    }
    new MethodFlow(n, program, emptyArrays).run();
    if (n.trustedPure()) {
      n.localEffects = 0;
      Arrays.fill(n.localEvidence, null);
      n.mutated = 0;
      n.mutationCauses = new HashMap<>();
      n.staticWrites = Set.of();
    }
  }

  /**
   * The call graph's strongly connected components, callees before callers (JGraphT's Kosaraju
   * inspector, whose searches keep their own stack, so deep call chains cannot overflow the
   * thread's), ties broken by the lowest node id so the order never depends on hashing.
   */
  private List<List<Node>> stronglyConnectedComponents() {
    Graph<Node, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (Node n : nodes.values()) {
      graph.addVertex(n);
    }
    for (Node n : nodes.values()) {
      for (Edge e : n.out) {
        graph.addVertex(e.to);
        graph.addEdge(n, e.to);
      }
    }
    Graph<Graph<Node, DefaultEdge>, DefaultEdge> condensation =
        new KosarajuStrongConnectivityInspector<>(graph).getCondensation();
    List<List<Node>> callersFirst = new ArrayList<>(condensation.vertexSet().size());
    new TopologicalOrderIterator<>(condensation, COMPONENTS_BY_FIRST_NODE)
        .forEachRemaining(
            c ->
                callersFirst.add(
                    c.vertexSet().stream().sorted(Comparator.comparingInt(n -> n.id)).toList()));
    Collections.reverse(callersFirst);
    return callersFirst;
  }

  private static final Comparator<Graph<Node, DefaultEdge>> COMPONENTS_BY_FIRST_NODE =
      Comparator.comparingInt(c -> c.vertexSet().stream().mapToInt(n -> n.id).min().orElse(0));

  // ------------------------------------------------------------------ effects

  /**
   * Propagates effects to callers, deciding GLOBAL_READ from the static fields written outside
   * {@code <clinit>} and those whose initialiser's effects make them differ between machines;
   * repeats until the set of such fields is stable.
   */
  private void propagateWithStatics(Set<String> mutableStatics) {
    Map<String, String> unstable = new HashMap<>();
    Map<String, String> writers = new HashMap<>();
    for (Node n : programNodes) {
      for (String f : n.staticWrites) {
        writers.putIfAbsent(f, n.ref.shortName());
      }
    }
    while (true) {
      for (Node n : programNodes) {
        n.localEffects &= ~GLOBAL_READ_BIT;
        n.localEvidence[Effect.GLOBAL_READ.ordinal()] = null;
        if (n.trustedPure()) {
          continue;
        }
        for (String f : new TreeSet<>(n.staticReads)) {
          if (mutableStatics.contains(f)) {
            n.addLocalEffect(
                Effect.GLOBAL_READ,
                "reads static field " + shortField(f) + ", written by " + writers.get(f));
          } else if (unstable.containsKey(f)) {
            n.addLocalEffect(
                Effect.GLOBAL_READ,
                "reads static field "
                    + shortField(f)
                    + ", whose initial value varies: "
                    + unstable.get(f));
          } else if (mutableStatics.contains(OriginValue.MANY_FIELDS) && holdsMutableObject(f)) {
            n.addLocalEffect(
                Effect.GLOBAL_READ,
                "reads static field " + shortField(f) + " while some static object is mutated");
          }
        }
      }
      propagate();
      Map<String, String> next = new HashMap<>();
      for (Node n : programNodes) {
        if (n.method.name.equals("<clinit>")) {
          unstableFields(n, mutableStatics, unstable, next);
        }
      }
      if (next.keySet().equals(unstable.keySet())) {
        return;
      }
      unstable = next;
    }
  }

  /**
   * Adds the fields a {@code <clinit>} assigns from a value that differs between machines: one that
   * depends (by data or control flow) on a call with such effects or on a static field that is
   * written elsewhere or itself varies.
   */
  private static void unstableFields(
      Node clinit, Set<String> mutable, Map<String, String> unstable, Map<String, String> out) {
    List<Object> sources = clinit.clinitSources;
    for (String field : clinit.clinitAssigned) {
      long deps = clinit.clinitFieldDeps.getOrDefault(field, 0L) | clinit.clinitControlDeps;
      for (int id = 0; id < sources.size() && deps != 0; id++) {
        long bit = 1L << Math.min(id, 63);
        if ((deps & bit) != 0) {
          String why = whyVaries(clinit, sources.get(id), mutable, unstable);
          if (why != null) {
            out.putIfAbsent(field, why);
            break;
          }
        }
      }
    }
  }

  /** Why a source of a {@code <clinit>} value differs between machines, or null if it does not. */
  private static String whyVaries(
      Node clinit, Object source, Set<String> mutable, Map<String, String> unstable) {
    if (source instanceof String field) {
      if (mutable.contains(field)) {
        return "reads " + shortField(field) + ", which is written outside <clinit>";
      }
      return unstable.containsKey(field)
          ? "reads " + shortField(field) + ": " + unstable.get(field)
          : null;
    }
    for (Edge e : clinit.sites.getOrDefault((Integer) source, List.of())) {
      for (Effect effect : UNSTABLE_INIT) {
        if ((e.to.effects & (1 << effect.ordinal())) != 0) {
          return clinit.displayName() + " -> " + chain(e.to, effect);
        }
      }
    }
    return null;
  }

  /**
   * Whether a static field may hold an object whose contents can be written: a reference to
   * anything but an immutable type ({@link ImmutableTypes}); unknown fields may.
   */
  private boolean holdsMutableObject(String key) {
    int dot = key.lastIndexOf('.');
    ClassNode c = classes.get(key.substring(0, dot).replace('.', '/'));
    if (c == null) {
      return true;
    }
    for (FieldNode f : c.fields) {
      if (f.name.equals(key.substring(dot + 1))) {
        org.objectweb.asm.Type type = org.objectweb.asm.Type.getType(f.desc);
        return Origins.isReference(type) && !program.isImmutable(type);
      }
    }
    return true;
  }

  private static String shortField(String key) {
    String owner = key.substring(0, key.lastIndexOf('.'));
    return owner.substring(owner.lastIndexOf('.') + 1) + key.substring(key.lastIndexOf('.'));
  }

  private void propagate() {
    ArrayDeque<Node> work = new ArrayDeque<>();
    for (Node n : nodes.values()) {
      n.effects = n.localEffects;
      Arrays.fill(n.via, null);
      if (n.effects != 0) {
        work.add(n);
      }
    }
    while (!work.isEmpty()) {
      Node n = work.poll();
      int outgoing = n.effects & ~ARG_MUTATION_BIT;
      if (outgoing == 0) {
        continue;
      }
      for (Edge e : n.in) {
        Node caller = e.from;
        if (caller.trustedPure()) {
          continue;
        }
        int added = outgoing & ~caller.effects;
        if (added != 0) {
          caller.effects |= added;
          for (int bits = added; bits != 0; bits &= bits - 1) {
            caller.via[Integer.numberOfTrailingZeros(bits)] = e;
          }
          work.add(caller);
        }
      }
    }
  }

  /** The evidence chain of an effect, e.g. {@code A.run -> B.x (Impl) -> java.io.X.y}. */
  private static String chain(Node n, Effect effect) {
    StringBuilder text = new StringBuilder(n.displayName());
    Node current = n;
    Set<Node> seen = new HashSet<>();
    while (current.via[effect.ordinal()] != null && seen.add(current)) {
      Edge e = current.via[effect.ordinal()];
      text.append(" -> ").append(e.display());
      current = e.to;
    }
    String local = current.localEvidence[effect.ordinal()];
    if (local != null && current.isProgram()) {
      text.append(" (").append(local).append(")");
    } else if (local != null && current.kind == Node.Kind.UNRESOLVED) {
      text.append(" (").append(local).append(")");
    } else if (local != null && current.behavior == null && current.kind == Node.Kind.LIBRARY) {
      text.append(" (").append(local).append(")");
    }
    return text.toString();
  }

  private static String mutationChain(Node n) {
    long bit = Long.lowestOneBit(n.mutated & (Origins.PARAMS | Origins.UNKNOWN));
    StringBuilder text =
        new StringBuilder(n.displayName())
            .append(" mutates ")
            .append(Origins.describe(bit, n.isStatic));
    Node current = n;
    Set<Node> seen = new HashSet<>();
    while (seen.add(current)) {
      Node.MutationCause cause = current.mutationCauses.get(bit);
      if (cause == null) {
        break;
      }
      if (cause.local() != null) {
        text.append(": ").append(cause.local());
        break;
      }
      current = cause.via().to;
      bit = cause.calleeBit();
      text.append(" -> ").append(cause.via().display());
      if (!current.isProgram()) {
        text.append(" (which mutates ").append(libraryArgument(bit, current.isStatic)).append(")");
        break;
      }
    }
    return text.toString();
  }

  private static String libraryArgument(long bit, boolean isStatic) {
    if (bit == Origins.UNKNOWN) {
      return "an object of unknown origin";
    }
    int i = Origins.paramIndex(bit);
    return !isStatic && i == 0 ? "its receiver" : "argument " + (isStatic ? i : i - 1);
  }

  // ------------------------------------------------------------------ concurrency

  private void markConcurrency() {
    for (Node n : programNodes) {
      for (Edge e : n.out) {
        if (e.kind == CallKind.LAMBDA
            && (n.allLambdasConcurrent || n.concurrentLambdaSites.contains(e.instruction))) {
          e.concurrent = true;
          e.to.concurrentBody = true;
        }
      }
    }
  }

  // ------------------------------------------------------------------ verdicts

  private List<MethodAnalysis> decide() {
    Map<Node, Edge> pinnedVia = reachBack(Node::pinned);
    Map<Node, Edge> pureVia = reachBack(Node::trustedPure);
    List<MethodAnalysis> result = new ArrayList<>();
    try (TransferabilityCheck.Session session =
        options.transferability().open(() -> programBytes())) {
      for (Node n : programNodes) {
        result.add(verdict(n, pinnedVia, pureVia, session));
      }
    }
    return result;
  }

  private Map<String, byte[]> programBytes() {
    Map<String, byte[]> bytes = new HashMap<>();
    for (String name : classes.keySet()) {
      bytes.put(name, input.classes().get(name));
    }
    return bytes;
  }

  /**
   * Every node that reaches a marked node, with the first edge towards it (callers of pure stop).
   */
  private Map<Node, Edge> reachBack(java.util.function.Predicate<Node> marked) {
    Map<Node, Edge> via = new HashMap<>();
    ArrayDeque<Node> work = new ArrayDeque<>();
    for (Node n : nodes.values()) {
      if (marked.test(n)) {
        via.put(n, null);
        work.add(n);
      }
    }
    while (!work.isEmpty()) {
      Node n = work.poll();
      for (Edge e : n.in) {
        if (!via.containsKey(e.from) && !(e.from.trustedPure() && e.from != n)) {
          via.put(e.from, e);
          work.add(e.from);
        }
      }
    }
    return via;
  }

  private static String reachChain(Node n, Map<Node, Edge> via) {
    StringBuilder text = new StringBuilder(n.displayName());
    Node current = n;
    Set<Node> seen = new HashSet<>();
    while (via.get(current) != null && seen.add(current)) {
      Edge e = via.get(current);
      text.append(" -> ").append(e.display());
      current = e.to;
    }
    return text.toString();
  }

  private MethodAnalysis verdict(
      Node n,
      Map<Node, Edge> pinnedVia,
      Map<Node, Edge> pureVia,
      TransferabilityCheck.Session session) {
    List<String> reasons = new ArrayList<>();
    MethodNode m = n.method;
    if (m.name.equals("<clinit>")) {
      reasons.add("STATIC_INITIALIZER: runs once per JVM when its class is initialised");
    } else if (m.name.equals("<init>")) {
      reasons.add("CONSTRUCTOR: the new object lives where it is constructed");
    } else if (n.kind == Node.Kind.ABSTRACT) {
      reasons.add("ABSTRACT: no body; its implementations are judged one by one");
    }
    if (n.pinned()) {
      reasons.add("PINNED: declared " + n.pinnedSource());
    } else if (pinnedVia.containsKey(n)) {
      Node target = n;
      Set<Node> seen = new HashSet<>();
      while (pinnedVia.get(target) != null && seen.add(target)) {
        target = pinnedVia.get(target).to;
      }
      reasons.add(
          "PINNED: " + reachChain(n, pinnedVia) + " (declared " + target.pinnedSource() + ")");
    }
    Set<Effect> effects = EnumSet.noneOf(Effect.class);
    for (Effect e : Effect.values()) {
      if ((n.effects & (1 << e.ordinal())) != 0) {
        effects.add(e);
      }
    }
    for (Effect e : effects) {
      if (e == Effect.NONDETERMINISTIC && options.allowNondeterministic()) {
        continue;
      }
      reasons.add(e.name() + ": " + (e == Effect.ARG_MUTATION ? mutationChain(n) : chain(n, e)));
    }
    if (reasons.isEmpty()) {
      Optional<String> why = session.whyNotTransferable(n.ref);
      why.ifPresent(w -> reasons.add("NOT_TRANSFERABLE: " + w));
    }
    boolean movable = reasons.isEmpty();
    if (n.trustedPure()) {
      reasons.add("PURE: trusted, declared " + n.pureSource());
    } else if (movable && pureVia.get(n) != null) {
      Node target = n;
      Set<Node> seen = new HashSet<>();
      while (pureVia.get(target) != null && seen.add(target)) {
        target = pureVia.get(target).to;
      }
      reasons.add(
          "PURE: trusts " + reachChain(n, pureVia) + " (declared " + target.pureSource() + ")");
    }
    if (n.remoteHint && movable) {
      reasons.add("REMOTE: prefers remote (declared)");
    }
    return new MethodAnalysis(
        n.ref,
        movable,
        effects,
        reasons,
        n.declared,
        n.remoteHint,
        n.isStatic,
        n.instructionCount,
        n.maxLoopDepth,
        n.bodyExecutions);
  }

  private List<CallSite> callSites() {
    List<CallSite> result = new ArrayList<>();
    for (Node n : programNodes) {
      for (Edge e : n.out) {
        boolean inCode = e.instruction >= 0 && e.instruction < n.loopDepthAt.length;
        int depth = inCode ? n.loopDepthAt[e.instruction] : 0;
        result.add(
            new CallSite(
                n.ref,
                e.to.ref,
                e.declared,
                e.kind,
                e.instruction,
                depth,
                n.concurrentBody || e.concurrent,
                !e.to.isProgram(),
                inCode ? n.knownIterationsAt[e.instruction] : 1,
                inCode ? n.unknownLoopsAt[e.instruction] : 0));
      }
    }
    return result;
  }
}

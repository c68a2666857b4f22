package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.knowledge.Declarations;
import dev.farcall.heuristics.knowledge.Declarations.Declaration;
import dev.farcall.heuristics.knowledge.KnowledgeBase;
import dev.farcall.heuristics.knowledge.LibraryBehavior;
import dev.farcall.model.MethodId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Builds the call graph: resolves every call instruction of every program method to its possible
 * targets (class-hierarchy analysis for virtual and interface calls, lambda and method-reference
 * implementations for {@code invokedynamic}), creating library leaves whose summaries come from the
 * knowledge base and the declarations.
 */
final class CallGraphBuilder {

  private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";

  /** A lambda or method reference created somewhere in the program. */
  private record LambdaImpl(List<Node> bodies, int captured, boolean constructor) {}

  private final ProgramIndex program;
  private final KnowledgeBase knowledge;
  private final Declarations declarations;
  private final JdkTypes jdk;
  private final Map<MethodId, Node> nodes;
  private final Map<String, List<Node>> targetCache = new HashMap<>();
  private final Map<String, List<LambdaImpl>> lambdasByInterfaceMethod = new HashMap<>();

  CallGraphBuilder(
      ProgramIndex program,
      KnowledgeBase knowledge,
      Declarations declarations,
      JdkTypes jdk,
      Map<MethodId, Node> nodes) {
    this.program = program;
    this.knowledge = knowledge;
    this.declarations = declarations;
    this.jdk = jdk;
    this.nodes = nodes;
  }

  void build(List<Node> programNodes) {
    for (Node n : programNodes) {
      if (n.method != null && n.method.instructions.size() > 0) {
        registerLambdas(n);
      }
    }
    for (Node n : programNodes) {
      if (n.method != null && n.method.instructions.size() > 0) {
        connect(n);
      }
    }
  }

  private void registerLambdas(Node n) {
    for (AbstractInsnNode insn : n.method.instructions) {
      if (insn instanceof InvokeDynamicInsnNode indy && isLambda(indy)) {
        Handle impl = (Handle) indy.bsmArgs[1];
        Type sam = (Type) indy.bsmArgs[0];
        String iface = Type.getReturnType(indy.desc).getInternalName();
        String key = iface + "." + indy.name + sam.getDescriptor();
        LambdaImpl lambda =
            new LambdaImpl(
                handleTargets(impl),
                Type.getArgumentTypes(indy.desc).length,
                impl.getTag() == Opcodes.H_NEWINVOKESPECIAL);
        lambdasByInterfaceMethod.computeIfAbsent(key, k -> new ArrayList<>()).add(lambda);
      }
    }
  }

  static boolean isLambda(InvokeDynamicInsnNode indy) {
    return indy.bsm.getOwner().equals(LAMBDA_FACTORY)
        && indy.bsmArgs.length >= 3
        && indy.bsmArgs[1] instanceof Handle
        && indy.bsmArgs[0] instanceof Type;
  }

  private List<Node> handleTargets(Handle h) {
    int opcode =
        switch (h.getTag()) {
          case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
          case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
          case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
          default -> Opcodes.INVOKESPECIAL;
        };
    return targets(opcode, h.getOwner(), h.getName(), h.getDesc());
  }

  private void connect(Node n) {
    int index = 0;
    for (AbstractInsnNode insn : n.method.instructions) {
      if (insn instanceof MethodInsnNode call) {
        MethodId declared = MethodId.ofInternal(call.owner, call.name, call.desc);
        CallKind kind =
            switch (call.getOpcode()) {
              case Opcodes.INVOKESTATIC -> CallKind.STATIC;
              case Opcodes.INVOKESPECIAL -> CallKind.SPECIAL;
              case Opcodes.INVOKEINTERFACE -> CallKind.INTERFACE;
              default -> CallKind.VIRTUAL;
            };
        for (Node target : targets(call.getOpcode(), call.owner, call.name, call.desc)) {
          add(new Edge(n, target, declared, kind, index, -1, false, false));
        }
        if (isCreation(n, call)) {
          for (Node callback : callbacks(call.owner)) {
            // the receiver is the new object; whatever else the JDK passes is unknown
            add(new Edge(n, callback, callback.ref, CallKind.CALLBACK, index, 1, false, false));
          }
        }
        if (call.getOpcode() == Opcodes.INVOKEINTERFACE
            || call.getOpcode() == Opcodes.INVOKEVIRTUAL) {
          for (LambdaImpl lambda :
              lambdasByInterfaceMethod.getOrDefault(
                  call.owner + "." + call.name + call.desc, List.of())) {
            if (program.isProgram(call.owner)) {
              for (Node body : lambda.bodies()) {
                add(
                    new Edge(
                        n,
                        body,
                        declared,
                        kind,
                        index,
                        lambda.captured(),
                        true,
                        lambda.constructor()));
              }
            }
          }
        }
      } else if (insn instanceof InvokeDynamicInsnNode indy) {
        if (isLambda(indy)) {
          Handle impl = (Handle) indy.bsmArgs[1];
          MethodId declared = MethodId.ofInternal(impl.getOwner(), impl.getName(), impl.getDesc());
          int captured = Type.getArgumentTypes(indy.desc).length;
          boolean constructor = impl.getTag() == Opcodes.H_NEWINVOKESPECIAL;
          for (Node body : handleTargets(impl)) {
            add(new Edge(n, body, declared, CallKind.LAMBDA, index, captured, false, constructor));
          }
        } else if (!CallFlow.isStringConcat(indy)) {
          Handle bsm = indy.bsm;
          MethodId ref = MethodId.ofInternal(bsm.getOwner(), bsm.getName(), bsm.getDesc());
          add(new Edge(n, libraryNode(ref, true), ref, CallKind.DYNAMIC, index, -1, false, false));
        }
      }
      index++;
    }
  }

  /** A constructor call that creates an object (not a constructor chaining to super or this). */
  private boolean isCreation(Node n, MethodInsnNode call) {
    if (call.getOpcode() != Opcodes.INVOKESPECIAL
        || !call.name.equals("<init>")
        || !program.isProgram(call.owner)) {
      return false;
    }
    boolean chaining =
        n.method.name.equals("<init>")
            && (call.owner.equals(n.owner.name) || call.owner.equals(n.owner.superName));
    return !chaining;
  }

  private final Map<String, List<Node>> callbackCache = new HashMap<>();

  /** The program methods of a class that override a method some JDK supertype declares. */
  private List<Node> callbacks(String type) {
    List<Node> cached = callbackCache.get(type);
    if (cached != null) {
      return cached;
    }
    Set<Node> result = new LinkedHashSet<>();
    List<String> jdkSupertypes =
        program.supertypesOf(type).stream().filter(program::isJdk).toList();
    Set<String> seen = new java.util.HashSet<>();
    for (String c = type; c != null && program.isProgram(c); c = program.get(c).superName) {
      for (MethodNode m : program.get(c).methods) {
        boolean overridable =
            (m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0
                && !m.name.startsWith("<")
                && seen.add(m.name + m.desc);
        if (overridable
            && jdkSupertypes.stream()
                .anyMatch(j -> jdk.hasMethod(j.replace('/', '.'), m.name, m.desc))) {
          ProgramIndex.Resolution r = program.resolve(type, m.name, m.desc);
          if (r.where() == ProgramIndex.Where.PROGRAM) {
            result.add(nodes.get(MethodId.ofInternal(r.owner(), m.name, m.desc)));
          }
        }
      }
    }
    List<Node> list = List.copyOf(result);
    callbackCache.put(type, list);
    return list;
  }

  private static void add(Edge e) {
    e.from.out.add(e);
    e.to.in.add(e);
    e.from.sites.computeIfAbsent(e.instruction, k -> new ArrayList<>()).add(e);
  }

  /** Possible targets of a call instruction, cached per (opcode, owner, name, descriptor). */
  List<Node> targets(int opcode, String owner, String name, String desc) {
    String key = opcode + " " + owner + "." + name + desc;
    List<Node> cached = targetCache.get(key);
    if (cached != null) {
      return cached;
    }
    boolean isStatic = opcode == Opcodes.INVOKESTATIC;
    Set<Node> result = new LinkedHashSet<>();
    if (owner.startsWith("[")) {
      result.add(libraryNode(new MethodId("java.lang.Object", name, desc), false));
    } else if (opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKESPECIAL) {
      result.add(nodeFor(owner, program.resolve(owner, name, desc), name, desc, isStatic));
    } else {
      ProgramIndex.Resolution declared = program.resolve(owner, name, desc);
      Node abstractNode = null;
      if (declared.where() == ProgramIndex.Where.ABSTRACT) {
        abstractNode = nodeFor(owner, declared, name, desc, false);
      } else if (declared.where() != ProgramIndex.Where.NONE) {
        result.add(nodeFor(owner, declared, name, desc, false));
      }
      for (String sub : program.concreteSubtypes(owner)) {
        ProgramIndex.Resolution r = program.resolve(sub, name, desc);
        if (r.where() != ProgramIndex.Where.ABSTRACT && r.where() != ProgramIndex.Where.NONE) {
          result.add(nodeFor(sub, r, name, desc, false));
        }
      }
      if (result.isEmpty() && abstractNode != null) {
        result.add(abstractNode);
      }
    }
    List<Node> list = List.copyOf(result);
    targetCache.put(key, list);
    return list;
  }

  private Node nodeFor(
      String from, ProgramIndex.Resolution r, String name, String desc, boolean isStatic) {
    switch (r.where()) {
      case PROGRAM:
      case ABSTRACT:
        return nodes.get(MethodId.ofInternal(r.owner(), name, desc));
      case JDK:
        // A JDK owner named in the bytecode is more specific than the JDK class resolution hit.
        String owner = program.isProgram(from) ? r.owner() : from;
        return libraryNode(MethodId.ofInternal(owner, name, desc), isStatic);
      default:
        return unresolvedNode(MethodId.ofInternal(r.owner(), name, desc), isStatic);
    }
  }

  private Node libraryNode(MethodId ref, boolean isStatic) {
    Node existing = nodes.get(ref);
    if (existing != null) {
      return existing;
    }
    Node n = new Node(nodes.size(), ref, Node.Kind.LIBRARY, isStatic);
    nodes.put(ref, n);
    long params = Origins.mutableParams(ref.descriptor(), isStatic);
    Optional<Declaration> pure =
        declarations.find(
            Declarations.Kind.PURE, ref.className(), ref.methodName(), ref.descriptor());
    declarations
        .find(Declarations.Kind.PINNED, ref.className(), ref.methodName(), ref.descriptor())
        .ifPresent(d -> n.pinnedDeclaration = d);
    if (pure.isPresent()) {
      n.pureDeclaration = pure.get();
      n.returned = params | Origins.FRESH;
      return n;
    }
    Optional<LibraryBehavior> behavior =
        knowledge.lookup(ref.className(), ref.methodName(), ref.descriptor(), jdk);
    if (behavior.isEmpty()) {
      n.addLocalEffect(Effect.UNKNOWN, "not covered by the knowledge base");
      n.mutated = params;
      n.returned = params | Origins.UNKNOWN;
      return n;
    }
    LibraryBehavior b = behavior.get();
    n.behavior = b;
    for (Effect e : b.effects()) {
      n.addLocalEffect(e, b.source());
    }
    int first = isStatic ? 0 : 1;
    if (b.mutatesReceiver() && !isStatic) {
      n.mutated |= Origins.param(0);
    }
    for (int k = 0; k < 63; k++) {
      if (b.mutatesArgument(k)) {
        n.mutated |= Origins.param(k + first);
      }
    }
    n.mutated &= params;
    if (b.freshResult()) {
      n.returned = Origins.FRESH;
    } else {
      n.returned = params == 0 && isStatic ? Origins.STATIC : params;
    }
    return n;
  }

  private Node unresolvedNode(MethodId ref, boolean isStatic) {
    Node existing = nodes.get(ref);
    if (existing != null) {
      return existing;
    }
    Node n = new Node(nodes.size(), ref, Node.Kind.UNRESOLVED, isStatic);
    nodes.put(ref, n);
    long params = Origins.mutableParams(ref.descriptor(), isStatic);
    Optional<Declaration> pure =
        declarations.find(
            Declarations.Kind.PURE, ref.className(), ref.methodName(), ref.descriptor());
    declarations
        .find(Declarations.Kind.PINNED, ref.className(), ref.methodName(), ref.descriptor())
        .ifPresent(d -> n.pinnedDeclaration = d);
    if (pure.isPresent()) {
      n.pureDeclaration = pure.get();
      n.returned = params | Origins.FRESH;
    } else {
      Optional<LibraryBehavior> known =
          knowledge.lookup(ref.className(), ref.methodName(), ref.descriptor(), c -> List.of());
      if (known.isPresent()) {
        n.behavior = known.get();
        for (Effect e : known.get().effects()) {
          n.addLocalEffect(e, known.get().source());
        }
        n.returned = params | Origins.UNKNOWN;
        n.mutated = params;
      } else {
        n.addLocalEffect(
            Effect.UNKNOWN, "class " + ref.className() + " is neither in the jar nor in the JDK");
        n.mutated = params;
        n.returned = params | Origins.UNKNOWN;
      }
    }
    return n;
  }

  static boolean isAbstract(MethodNode m) {
    return (m.access & Opcodes.ACC_ABSTRACT) != 0;
  }
}

package dev.farcall.heuristics.analysis;

import dev.farcall.model.MethodId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.Type;

/**
 * Calls through remote-object handles that may wait for themselves: a method of an object type
 * calls an object through a handle ({@code RemoteRef.call}, {@code get} or {@code run}), and what
 * that object runs calls the first type back through a handle. An object runs one call at a time,
 * so when the handles name the same objects each call waits for the other: until the call timeout
 * under Farcall, for ever under plain {@code java}. Which objects a handle names is not in the
 * bytecode, so these are warnings (the cycle may never close), never refusals.
 *
 * <p>What a handle call enters is read from the method reference passed to it ({@code
 * Counter::add}: type {@code Counter}); for a lambda, every program type among its parameters may
 * be the receiver. What an object runs is its type's methods and everything they reach through
 * ordinary calls.
 */
public final class HandleCycles {

  private static final String API = "dev.farcall.api.";
  private static final String HANDLE = API + "RemoteRef";
  private static final Set<String> HANDLE_CALLS = Set.of("call", "get", "run");
  private static final String DESERIALIZE = "$deserializeLambda$";

  /**
   * One step of a cycle: an object of type {@code from} runs {@code caller}, which calls {@code
   * target} on an object of type {@code to} through a handle.
   */
  public record HandleCall(String from, MethodId caller, MethodId target, String to) {}

  /** A cycle of handle calls that ends at the type it starts from. */
  public record Cycle(List<HandleCall> calls) {

    public Cycle {
      calls = List.copyOf(calls);
    }

    /** The types on the cycle, each once, in the order the calls go. */
    public List<String> types() {
      return calls.stream().map(HandleCall::from).toList();
    }

    /** What a user reads: the calls of the cycle and why it may deadlock. */
    public String message() {
      StringBuilder path = new StringBuilder();
      for (HandleCall call : calls) {
        path.append(simple(call.from()))
            .append(" calls ")
            .append(
                call.target().methodName().startsWith("lambda$")
                    ? "a lambda on " + simple(call.to())
                    : call.target().shortName())
            .append(" through a handle (in ")
            .append(call.caller().shortName())
            .append("), ");
      }
      String start = simple(calls.get(0).from());
      String back = calls.size() == 1 ? "another " + start : "a " + start + " again";
      return path.append("which reaches ")
          .append(back)
          .append(": an object runs one call at a time, so if these handles name objects")
          .append(" already waiting on the cycle, each call waits for the other until its timeout")
          .toString();
    }

    private static String simple(String className) {
      return className.substring(className.lastIndexOf('.') + 1);
    }
  }

  private final Map<MethodId, List<CallSite>> callsFrom = new HashMap<>();
  private final Map<String, List<MethodId>> methodsOf = new HashMap<>();
  private final Set<String> programTypes = new HashSet<>();

  private HandleCycles(ProgramModel program) {
    for (MethodAnalysis m : program.methods()) {
      methodsOf.computeIfAbsent(m.className(), c -> new ArrayList<>()).add(m.method());
      programTypes.add(m.className());
    }
    for (CallSite edge : program.edges()) {
      callsFrom.computeIfAbsent(edge.caller(), c -> new ArrayList<>()).add(edge);
    }
  }

  /** Every cycle of the program, once each (a program without handle calls has none). */
  public static List<Cycle> of(ProgramModel program) {
    boolean anyHandleCall =
        program.edges().stream().anyMatch(e -> isHandleCall(e.declaredCallee()));
    return anyHandleCall ? new HandleCycles(program).cycles() : List.of();
  }

  /** The cycles on which objects of {@code className} may wait (what creating one warns of). */
  public static List<Cycle> through(ProgramModel program, String className) {
    return of(program).stream().filter(c -> c.types().contains(className)).toList();
  }

  private List<Cycle> cycles() {
    Map<String, List<HandleCall>> graph = new LinkedHashMap<>();
    for (String type : new TreeSet<>(programTypes)) {
      List<HandleCall> out = handleCallsRunBy(type);
      if (!out.isEmpty()) {
        graph.put(type, out);
      }
    }
    Map<Set<String>, Cycle> found = new LinkedHashMap<>();
    for (String type : graph.keySet()) {
      List<HandleCall> path = pathBack(type, graph);
      if (!path.isEmpty()) {
        Set<String> key = new TreeSet<>(path.stream().map(HandleCall::from).toList());
        found.putIfAbsent(key, new Cycle(path));
      }
    }
    return List.copyOf(found.values());
  }

  /** The handle calls an object of {@code type} may make while it runs one of its methods. */
  private List<HandleCall> handleCallsRunBy(String type) {
    Set<HandleCall> calls = new LinkedHashSet<>();
    Deque<MethodId> work = new ArrayDeque<>();
    for (MethodId m : methodsOf.getOrDefault(type, List.of())) {
      if (!isSynthetic(m)) {
        work.push(m);
      }
    }
    Set<MethodId> seen = new HashSet<>(work);
    while (!work.isEmpty()) {
      MethodId m = work.pop();
      List<CallSite> edges = callsFrom.getOrDefault(m, List.of());
      boolean callsHandle = edges.stream().anyMatch(e -> isHandleCall(e.declaredCallee()));
      for (CallSite e : edges) {
        boolean lambda = e.kind() == CallKind.LAMBDA && !e.libraryCallee();
        if (callsHandle && lambda) {
          // a reference passed to the handle runs on the object it names, not here
          for (String receiver : receivers(e.callee())) {
            calls.add(new HandleCall(type, m, e.callee(), receiver));
          }
        } else if (!e.libraryCallee()
            && !e.callee().methodName().equals(DESERIALIZE)
            && !e.callee().className().startsWith(API)
            && seen.add(e.callee())) {
          // Farcall's API (packed into the jar or not) runs the handle's call on the object
          work.push(e.callee());
        }
      }
    }
    return List.copyOf(calls);
  }

  /** The types a handle call with this implementation may enter. */
  private Set<String> receivers(MethodId target) {
    if (!target.methodName().startsWith("lambda$")) {
      return Set.of(target.className());
    }
    Set<String> types = new LinkedHashSet<>();
    for (Type parameter : Type.getArgumentTypes(target.descriptor())) {
      if (parameter.getSort() == Type.OBJECT && programTypes.contains(parameter.getClassName())) {
        types.add(parameter.getClassName());
      }
    }
    return types;
  }

  /** The shortest chain of handle calls from {@code start} back to {@code start}; empty if none. */
  private static List<HandleCall> pathBack(String start, Map<String, List<HandleCall>> graph) {
    Map<String, HandleCall> reachedBy = new HashMap<>();
    Deque<String> work = new ArrayDeque<>(List.of(start));
    while (!work.isEmpty()) {
      String type = work.removeFirst();
      for (HandleCall call : graph.getOrDefault(type, List.of())) {
        if (call.to().equals(start)) {
          List<HandleCall> path = new ArrayList<>(List.of(call));
          for (String t = type; !t.equals(start); t = reachedBy.get(t).from()) {
            path.add(0, reachedBy.get(t));
          }
          return path;
        }
        if (!reachedBy.containsKey(call.to()) && !call.to().equals(start)) {
          reachedBy.put(call.to(), call);
          work.addLast(call.to());
        }
      }
    }
    return List.of();
  }

  /**
   * A lambda body runs where its lambda is called, not as a method of its class; {@code
   * $deserializeLambda$} only re-creates the class's serializable lambdas.
   */
  private static boolean isSynthetic(MethodId m) {
    return m.methodName().startsWith("lambda$")
        || m.methodName().equals(DESERIALIZE)
        || m.methodName().equals("<clinit>");
  }

  private static boolean isHandleCall(MethodId callee) {
    return callee.className().equals(HANDLE) && HANDLE_CALLS.contains(callee.methodName());
  }
}

package dev.farcall.heuristics.analysis;

import dev.farcall.heuristics.Effect;
import dev.farcall.heuristics.knowledge.LibraryBehavior;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one round of a {@link MethodFlow} learns about its method: the mutated and returned origins
 * (with the cause of each mutation), the static fields read and written, the lambdas handed to
 * concurrent code, and the taint of fresh objects' contents; it adds the local effects (with their
 * evidence) to the node as they are found and stores the rest on it when the flow is done.
 */
final class FlowFacts {

  /** Marks JDK static state (never a program field). */
  static final String JDK_STATE = "<jdk>";

  private final Node node;
  private final boolean inClinit;
  private final Set<String> emptyArrays;

  private long mutated;
  private long returned;
  private String returnedStatic;
  private final Map<Long, Node.MutationCause> causes = new HashMap<>();
  private final Set<String> staticReads = new HashSet<>();
  private final Set<String> staticWrites = new HashSet<>();
  private final Set<String> clinitAssigned = new HashSet<>();
  private final Set<Integer> concurrentLambdas = new HashSet<>();
  private boolean allLambdasConcurrent;

  /**
   * Origins of non-fresh references stored inside fresh objects (so reading them back is not
   * fresh).
   */
  private long freshContents;

  /** The static field behind STATIC origins stored inside fresh objects. */
  private String freshContentsField;

  private boolean freshContentRead;

  /**
   * @param emptyArrays static fields that only ever hold an empty array (assigned {@code new T[0]}
   *     in {@code <clinit>} and never written elsewhere)
   */
  FlowFacts(Node node, boolean inClinit, Set<String> emptyArrays) {
    this.node = node;
    this.inClinit = inClinit;
    this.emptyArrays = emptyArrays;
  }

  /**
   * Forgets the last round (and the node's local effects), starting from what fresh objects were
   * found to contain.
   */
  void reset(long contents, String contentsField) {
    node.localEffects = 0;
    java.util.Arrays.fill(node.localEvidence, null);
    mutated = 0;
    returned = 0;
    returnedStatic = null;
    causes.clear();
    staticReads.clear();
    staticWrites.clear();
    clinitAssigned.clear();
    concurrentLambdas.clear();
    allLambdasConcurrent = false;
    freshContents = contents;
    freshContentsField = contentsField;
    freshContentRead = false;
  }

  /** Stores this round's summary on the node. */
  void store() {
    node.mutated = mutated;
    node.returned = returned;
    node.returnedStatic = returnedStatic;
    node.mutationCauses = new HashMap<>(causes);
    node.staticReads = Set.copyOf(staticReads);
    node.staticWrites = Set.copyOf(staticWrites);
    node.clinitAssigned = Set.copyOf(clinitAssigned);
    node.concurrentLambdaSites = Set.copyOf(concurrentLambdas);
    node.allLambdasConcurrent = allLambdasConcurrent;
  }

  long freshContents() {
    return freshContents;
  }

  String freshContentsField() {
    return freshContentsField;
  }

  /** Whether this round read the contents of a fresh object (so they must be known). */
  boolean freshContentRead() {
    return freshContentRead;
  }

  void staticRead(String key) {
    staticReads.add(key);
  }

  void staticWritten(String key) {
    staticWrites.add(key);
  }

  void clinitAssigned(String key) {
    clinitAssigned.add(key);
  }

  // ------------------------------------------------------------------ freshness

  /** The origins of what is read from inside a container with these origins. */
  long load(long containerMask) {
    long result = containerMask & ~Origins.FRESH;
    if ((containerMask & Origins.FRESH) != 0) {
      freshContentRead = true;
      result |= Origins.FRESH | freshContents;
    }
    return result;
  }

  /** The static field behind what {@link #load} returns for this container. */
  String loadField(OriginValue container) {
    return (container.mask & Origins.FRESH) != 0
        ? OriginValue.mergeFields(container.staticField, freshContentsField)
        : container.staticField;
  }

  /** A value with these origins is stored inside a fresh object. */
  void taint(long storedMask, String field) {
    if ((storedMask & Origins.STATIC) != 0) {
      freshContentsField =
          OriginValue.mergeFields(
              freshContentsField, field == null ? OriginValue.MANY_FIELDS : field);
    }
    freshContents |= storedMask & ~Origins.FRESH;
  }

  /** The method returns a value with these origins. */
  void returns(OriginValue value) {
    returned |= value.mask;
    if ((value.mask & Origins.STATIC) != 0) {
      returnedStatic =
          OriginValue.mergeFields(
              returnedStatic,
              value.staticField == null ? OriginValue.MANY_FIELDS : value.staticField);
    }
  }

  // ------------------------------------------------------------------ effects

  /**
   * Something reachable from a value with this origin is written; {@code local} describes a write
   * in this method (built only when needed), {@code via} a call that writes its argument.
   */
  void mutate(long mask, String staticField, Supplier<String> local, Edge via, long calleeBit) {
    long owned = mask & (Origins.PARAMS | Origins.UNKNOWN);
    boolean newEffect = (node.localEffects & (1 << Effect.ARG_MUTATION.ordinal())) == 0;
    if (owned != 0 && (newEffect || (owned & ~mutated) != 0)) {
      String text = local != null ? local.get() : "calls " + via.display();
      if ((mask & Origins.UNKNOWN) != 0 && (mask & Origins.PARAMS) == 0) {
        node.addLocalEffect(Effect.ARG_MUTATION, "mutates an object of unknown origin: " + text);
      } else {
        node.addLocalEffect(Effect.ARG_MUTATION, text);
      }
      for (long bits = owned & ~mutated; bits != 0; bits &= bits - 1) {
        long bit = Long.lowestOneBit(bits);
        causes.put(bit, new Node.MutationCause(local != null ? text : null, via, calleeBit));
      }
      mutated |= owned;
    }
    if ((mask & Origins.STATIC) != 0 && !inClinit && !emptyArrays.contains(staticField)) {
      // an empty array has no element to write (a JDK call like toArray(EMPTY) cannot write it)
      String field = staticField == null ? OriginValue.MANY_FIELDS : staticField;
      boolean added = staticWrites.addAll(List.of(field.split("\\|")));
      if (added && (node.localEffects & (1 << Effect.GLOBAL_WRITE.ordinal())) == 0) {
        String text =
            local != null ? local.get() : "passes it to " + via.display() + ", which mutates it";
        node.addLocalEffect(
            Effect.GLOBAL_WRITE, "mutates static state " + displayField(field) + ": " + text);
      }
    }
  }

  /** A call to a library method with this behaviour, passing these values. */
  void noteConcurrency(LibraryBehavior behavior, List<? extends OriginValue> values) {
    if (behavior.parallel()) {
      allLambdasConcurrent = true;
    }
    if (behavior.concurrentSink()) {
      for (OriginValue v : values) {
        if (v.lambdaSite >= 0) {
          concurrentLambdas.add(v.lambdaSite);
        } else if (v.lambdaSite == OriginValue.MANY_LAMBDAS) {
          allLambdasConcurrent = true;
        }
      }
    }
  }

  static String displayField(String field) {
    if (field.equals(OriginValue.MANY_FIELDS)) {
      return "(several static fields)";
    }
    if (field.equals(JDK_STATE)) {
      return "(JDK global state)";
    }
    if (field.contains("|")) {
      StringBuilder all = new StringBuilder();
      for (String one : field.split("\\|")) {
        all.append(all.length() == 0 ? "" : " or ").append(displayField(one));
      }
      return all.toString();
    }
    String owner = field.substring(0, field.lastIndexOf('.'));
    return owner.substring(owner.lastIndexOf('.') + 1) + field.substring(field.lastIndexOf('.'));
  }
}

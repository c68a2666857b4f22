package dev.farcall.heuristics.analysis;

import dev.farcall.model.MethodId;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * A stand-in for the codec in tests: judges a signature by its types alone. Rejects types that
 * obviously cannot travel by value (threads, streams, functions, paths, I/O, Object), accepts the
 * rest.
 */
final class SignatureTransferability implements TransferabilityCheck {

  private static final Set<String> REJECTED_PACKAGES =
      Set.of("java/io/", "java/nio/file/", "java/util/function/", "java/util/stream/", "java/net/");
  private static final Set<String> REJECTED =
      Set.of("java/lang/Object", "java/lang/Thread", "java/lang/Runnable", "java/lang/Class");

  @Override
  public Session open(ProgramView program) {
    return this::check;
  }

  private Optional<String> check(MethodId method) {
    for (Type t : Type.getArgumentTypes(method.descriptor())) {
      Optional<String> why = reject(t);
      if (why.isPresent()) {
        return why;
      }
    }
    return reject(Type.getReturnType(method.descriptor()));
  }

  private static Optional<String> reject(Type t) {
    Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
    if (element.getSort() != Type.OBJECT) {
      return Optional.empty();
    }
    String name = element.getInternalName();
    if (REJECTED.contains(name) || REJECTED_PACKAGES.stream().anyMatch(name::startsWith)) {
      return Optional.of(element.getClassName() + " is not transferable by value");
    }
    return Optional.empty();
  }
}

package dev.farcall.driver.rewrite;

import dev.farcall.model.MethodId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.Opcodes;

/**
 * The stubs of the one class being rewritten: decides which of its call sites call a dispatchable
 * method (resolving the named method through the program's superclasses with {@link ClassIndex})
 * and gives each distinct call one stub, named in the order the calls are first met. {@link
 * StubWriter} writes their bodies when the class ends.
 */
final class ClassStubs {

  /** One stub of a class: the original instruction it stands for. */
  record Stub(
      String name,
      String descriptor,
      int opcode,
      String owner,
      String method,
      String desc,
      boolean ownerIsInterface,
      int siteId) {}

  /** A call site's target resolved to a dispatchable method. */
  private record Target(int siteId, int declaredAccess, String declaringOwner) {}

  private final Map<MethodId, Integer> siteIds;
  private final ClassIndex index;
  private final String className;
  private final int version;
  private final boolean isInterface;
  private final Map<String, Stub> stubs = new LinkedHashMap<>();

  ClassStubs(
      Map<MethodId, Integer> siteIds,
      ClassIndex index,
      String className,
      int version,
      boolean isInterface) {
    this.siteIds = siteIds;
    this.index = index;
    this.className = className;
    this.version = version;
    this.isInterface = isInterface;
  }

  /** The stubs handed out so far, in the order of their names. */
  Collection<Stub> all() {
    return stubs.values();
  }

  /** Stubs need static (and private) methods in interfaces: class files of Java 8 or later. */
  private boolean mayAddStubs() {
    return !isInterface || version >= Opcodes.V1_8;
  }

  /** The stub a call stands for, or empty when the call stays as it is. */
  Optional<Stub> stubFor(int opcode, String owner, String name, String desc, boolean itf) {
    if (!mayAddStubs() || name.startsWith("<")) {
      return Optional.empty();
    }
    if (opcode == Opcodes.INVOKESPECIAL && !owner.equals(className)) {
      return Optional.empty(); // super.m(): not a plain call of the named method
    }
    Optional<Target> target = resolve(owner, name, desc);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    if ((target.get().declaredAccess() & Opcodes.ACC_PROTECTED) != 0
        && !samePackage(className, target.get().declaringOwner())) {
      // protected access from another package is checked against the receiver's static type,
      // which a stub cannot reproduce: such calls stay as they are (and therefore at home)
      return Optional.empty();
    }
    boolean isStatic = opcode == Opcodes.INVOKESTATIC;
    String stubDesc = isStatic ? desc : "(L" + owner + ";" + desc.substring(1);
    String key = opcode + " " + owner + "." + name + desc;
    Stub stub =
        stubs.computeIfAbsent(
            key,
            k ->
                new Stub(
                    CallSiteRewriter.STUB_PREFIX + stubs.size(),
                    stubDesc,
                    opcode,
                    owner,
                    name,
                    desc,
                    itf,
                    target.get().siteId()));
    return Optional.of(stub);
  }

  private Optional<Target> resolve(String owner, String name, String desc) {
    String current = owner;
    while (current != null) {
      Optional<ClassIndex.ClassInfo> info = index.info(current);
      if (info.isEmpty()) {
        return Optional.empty(); // left the program: JDK or library outside the jar
      }
      Integer access = info.get().methodAccess().get(name + desc);
      if (access != null) {
        Integer id = siteIds.get(new MethodId(current.replace('/', '.'), name, desc));
        return id == null ? Optional.empty() : Optional.of(new Target(id, access, current));
      }
      current = info.get().superName();
    }
    return Optional.empty();
  }

  private static boolean samePackage(String a, String b) {
    int ia = a.lastIndexOf('/');
    int ib = b.lastIndexOf('/');
    return (ia < 0 ? "" : a.substring(0, ia)).equals(ib < 0 ? "" : b.substring(0, ib));
  }
}

package dev.farcall.heuristics.analysis;

import dev.farcall.model.MethodId;
import dev.farcall.model.codec.ArgumentCodec;
import dev.farcall.model.codec.NotTransferableException;
import dev.farcall.model.program.ProgramClassLoader;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.Type;

/**
 * The production {@link TransferabilityCheck}: loads the program's classes in an isolated {@link
 * ProgramClassLoader} (never initialising them) and asks the shared-model {@link ArgumentCodec},
 * the same code the dispatcher and workers use, whether each method's signature can be encoded.
 */
public final class CodecTransferabilityCheck implements TransferabilityCheck {

  @Override
  public Session open(ProgramView program) {
    ProgramClassLoader loader =
        ProgramClassLoader.fromClasses(
            "analysis", program.classes(), dev.farcall.api.Pure.class.getClassLoader());
    return new CodecSession(loader);
  }

  private static final class CodecSession implements Session {
    private final ClassLoader loader;
    private ArgumentCodec codec;
    private RuntimeException codecFailure;
    private final Map<String, Method[]> methodsByClass = new HashMap<>();

    CodecSession(ClassLoader loader) {
      this.loader = loader;
      try {
        this.codec = new ArgumentCodec(loader);
      } catch (RuntimeException e) {
        this.codecFailure = e;
      }
    }

    @Override
    public Optional<String> whyNotTransferable(MethodId ref) {
      if (codec == null) {
        return Optional.of("codec unavailable: " + codecFailure);
      }
      Method method;
      try {
        method = find(ref);
      } catch (ReflectiveOperationException | LinkageError e) {
        return Optional.of("class cannot be loaded for inspection: " + e);
      }
      if (method == null) {
        return Optional.of("no such method found by reflection");
      }
      try {
        codec.checkTransferable(method);
        return Optional.empty();
      } catch (NotTransferableException e) {
        return Optional.of(e.getMessage());
      } catch (RuntimeException | LinkageError e) {
        // No answer from the codec is not a yes.
        return Optional.of("transferability could not be decided: " + e);
      }
    }

    private Method find(MethodId ref) throws ReflectiveOperationException {
      Method[] methods = methodsByClass.get(ref.className());
      if (methods == null) {
        Class<?> type = Class.forName(ref.className(), false, loader);
        methods = type.getDeclaredMethods();
        methodsByClass.put(ref.className(), methods);
      }
      return Arrays.stream(methods)
          .filter(m -> m.getName().equals(ref.methodName()))
          .filter(m -> Type.getMethodDescriptor(m).equals(ref.descriptor()))
          .findFirst()
          .orElse(null);
    }
  }
}

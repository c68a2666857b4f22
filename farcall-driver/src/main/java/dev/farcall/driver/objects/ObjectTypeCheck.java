package dev.farcall.driver.objects;

import dev.farcall.heuristics.analysis.ProgramModel;
import dev.farcall.heuristics.analysis.RemoteObjectTypes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link RemoteObjectTypes}' verdict at {@code Farcall.remote} time, kept per class: the run asks
 * it for every object it makes.
 */
final class ObjectTypeCheck {

  private final Supplier<ProgramModel> model;
  private final Map<Class<?>, String> refusals = new ConcurrentHashMap<>();

  ObjectTypeCheck(Supplier<ProgramModel> model) {
    this.model = model;
  }

  /**
   * Refuses a type that may not live remotely.
   *
   * @throws IllegalArgumentException naming the first offending method and the analysis' reason
   */
  void check(Class<?> type, String constructorDescriptor) {
    String refusal =
        refusals.computeIfAbsent(
            type, t -> RemoteObjectTypes.refusal(model.get(), t, constructorDescriptor).orElse(""));
    if (!refusal.isEmpty()) {
      throw new IllegalArgumentException(refusal);
    }
  }
}

package dev.farcall.coordinator.invocation;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The request of {@code POST /api/v1/programs/{id}/invocations}.
 *
 * @param className binary name of the class, e.g. {@code org.example.Calc} or {@code a.B$Inner}
 * @param methodName the method's name
 * @param parameterTypes the parameter types as Java source names, to choose among overloads
 * @param args the arguments as JSON values (receiver first for an instance method)
 * @param timeoutMillis how long to wait for the outcome
 * @param retry whether the call may be resent to another worker after its worker is lost; {@link
 *     RetryPolicy#AUTO} (resent only if effect-free) when absent
 */
@Schema(description = "A method to invoke and its arguments")
record InvocationBody(
    @Schema(description = "Binary name of the class", example = "org.example.Calc")
        String className,
    @Schema(description = "Name of the method", example = "add") String methodName,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description =
                        "Parameter types as Java source names, to pick one overload, e.g. [\"int\","
                            + " \"java.lang.String\", \"int[]\", \"java.util.List\"]; the receiver"
                            + " of an instance method is not listed. Without it the overload is"
                            + " chosen by the number of arguments."))
        List<String> parameterTypes,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description =
                        "Arguments as JSON values in parameter order. For an instance method the"
                            + " first element is the receiver (the object the method is called on),"
                            + " given as a JSON value of its class like any argument."))
        @JsonDeserialize(using = ExactJsonValues.class)
        List<Object> args,
    @Schema(
            description = "How long to wait for the outcome, in milliseconds (default 30000)",
            example = "5000")
        Long timeoutMillis,
    @Schema(
            description =
                "Whether the call may be sent again to another worker if its worker dies: AUTO"
                    + " (default) resends only methods the analysis finds effect-free, so a method"
                    + " with effects runs at most once and a lost call is a 502 worker-lost problem"
                    + " (it may or may not have run); ALWAYS resends anyway (it may run more than"
                    + " once); NEVER never resends.",
            example = "AUTO")
        RetryPolicy retry) {

  /** The same request without a retry policy (AUTO). */
  InvocationBody(
      String className,
      String methodName,
      List<String> parameterTypes,
      List<Object> args,
      Long timeoutMillis) {
    this(className, methodName, parameterTypes, args, timeoutMillis, null);
  }
}

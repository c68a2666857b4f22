package dev.farcall.coordinator.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.coordinator.invocation.InvocationResponse.ExceptionView;
import dev.farcall.coordinator.invocation.InvocationResponse.Outcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class InvocationJsonTests {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void argumentsKeepNumbersExactAndNestedShapes() {
    InvocationBody body =
        json.readValue(
            """
            {"className": "example.Calc", "methodName": "f", "parameterTypes": ["int"],
             "args": [7, 12345678901, 123456789012345678901234567890,
                      0.1000000000000000000000001, 1e400,
                      {"x": 1, "tags": ["a", null, true]}, "text", false, null]}
            """,
            InvocationBody.class);

    assertThat(body.args())
        .containsExactly(
            7,
            12345678901L,
            new BigInteger("123456789012345678901234567890"),
            new BigDecimal("0.1000000000000000000000001"),
            new BigDecimal("1e400"),
            Map.of("x", 1, "tags", Arrays.asList("a", null, true)),
            "text",
            false,
            null);
    assertThat(body.parameterTypes()).containsExactly("int");
  }

  @Test
  void argumentsThatAreNotAnArrayAreRejected() {
    assertThatThrownBy(
            () ->
                json.readValue(
                    "{\"className\": \"a\", \"methodName\": \"b\", \"args\": {\"x\": 1}}",
                    InvocationBody.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("args must be a JSON array");
  }

  @Test
  void returnedNullIsWrittenAsNullResultAndNoException() {
    String text =
        json.writeValueAsString(
            new InvocationResponse(
                "id1", Outcome.RETURNED, PlainJson.toJson(null), null, "w1", 10, 5, 1));

    assertThat(json.readTree(text).has("result")).isTrue();
    assertThat(json.readTree(text).get("result").isNull()).isTrue();
    assertThat(json.readTree(text).has("exception")).isFalse();
    assertThat(json.readTree(text).get("outcome").asString()).isEqualTo("RETURNED");
  }

  @Test
  void thrownOutcomeHasExceptionAndNoResult() {
    String text =
        json.writeValueAsString(
            new InvocationResponse(
                "id1",
                Outcome.THREW,
                null,
                new ExceptionView("java.lang.ArithmeticException", "/ by zero", List.of("f"), null),
                "w1",
                10,
                5,
                2));

    var tree = json.readTree(text);
    assertThat(tree.has("result")).isFalse();
    assertThat(tree.get("exception").get("type").asString())
        .isEqualTo("java.lang.ArithmeticException");
    assertThat(tree.get("exception").get("message").asString()).isEqualTo("/ by zero");
    assertThat(tree.get("exception").get("stackTrace").get(0).asString()).isEqualTo("f");
    assertThat(tree.get("attempts").asInt()).isEqualTo(2);
  }

  @Test
  void plainValuesBecomeExactJson() {
    var node =
        PlainJson.toJson(
            Map.of(
                "big",
                new BigDecimal("0.1000000000000000000000001"),
                "list",
                List.of(1, 2L),
                "name",
                "n"));

    assertThat(json.writeValueAsString(node.get("big"))).isEqualTo("0.1000000000000000000000001");
    assertThat(node.get("list")).isEqualTo(JsonNodeFactory.instance.arrayNode().add(1).add(2L));
    assertThat(node.get("name").asString()).isEqualTo("n");
  }
}

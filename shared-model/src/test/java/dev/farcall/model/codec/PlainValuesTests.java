package dev.farcall.model.codec;

import static dev.farcall.model.codec.CodecTesting.codec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.farcall.model.codec.Fixtures.Color;
import dev.farcall.model.codec.Fixtures.Item;
import dev.farcall.model.codec.Fixtures.Order;
import dev.farcall.model.codec.Fixtures.Point;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlainValuesTests {

  private static final UUID ID = UUID.fromString("6f1c1f1e-8d8f-4c55-9a8e-0d3c2b1a0f99");

  /** Maps that keep insertion order and allow null values, as a JSON parser yields. */
  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> plainItem(String sku, Object price, Object quantity) {
    return object("sku", sku, "price", price, "quantity", quantity, "colors", List.of("RED"));
  }

  private static Map<String, Object> plainOrder() {
    return object(
        "id", ID.toString(),
        "items", List.of(plainItem("A-1", "12.50", 3), plainItem("B-2", 7, 1)),
        "tags", object("fragile", List.of("BLUE", "GREEN")),
        "counts", object("RED", 2),
        "due", "2026-11-25",
        "gift", null);
  }

  private static Order javaOrder() {
    return new Order(
        ID,
        List.of(
            new Item("A-1", new BigDecimal("12.50"), 3, List.of(Color.RED)),
            new Item("B-2", new BigDecimal("7"), 1, List.of(Color.RED))),
        Map.of("fragile", List.of(Color.BLUE, Color.GREEN)),
        Map.of(Color.RED, 2),
        LocalDate.of(2026, 11, 25),
        null);
  }

  @Test
  void jsonLikeArgumentsDecodeToJavaObjects() {
    MethodCodec codec = codec("order");
    List<Object> args = List.of(plainOrder(), List.of(plainItem("C-3", 0.25, 9)));
    byte[] payload = PlainValues.encodeRecord(codec.argumentSchema(), args);
    Object[] decoded = codec.decodeArguments(payload, codec.argumentFingerprint());
    assertThat(decoded[0]).isEqualTo(javaOrder());
    assertThat(decoded[1])
        .isEqualTo(List.of(new Item("C-3", new BigDecimal("0.25"), 9, List.of(Color.RED))));
  }

  @Test
  void argumentsMayBeGivenByName() {
    MethodCodec codec = codec("order");
    byte[] payload =
        PlainValues.encodeRecord(codec.argumentSchema(), Map.of("order", plainOrder()));
    Object[] decoded = codec.decodeArguments(payload, codec.argumentFingerprint());
    assertThat(decoded).containsExactly(javaOrder(), null);
  }

  @Test
  void aResultDecodesToPlainValues() {
    MethodCodec codec = codec("order");
    byte[] payload = codec.encodeResult(javaOrder());
    List<Object> plain = PlainValues.decodeRecord(codec.resultSchema(), payload);
    Map<String, Object> expected = plainOrder();
    expected.put("items", List.of(plainItem("A-1", "12.50", 3), plainItem("B-2", "7", 1)));
    assertThat(plain).containsExactly(expected);
  }

  @Test
  void plainValuesRoundTripThroughBytes() {
    MethodCodec codec = codec("scalars");
    Map<String, Object> scalars =
        object(
            "z", true, "b", -5, "s", 300, "c", "x", "i", 42, "l", 1L << 40, "f", 1.5f, "d", 2.25,
            "bz", null, "bb", 1, "bs", null, "bc", "é", "bi", -1, "bl", 9L, "bf", null, "bd", 0.5,
            "text", "hi");
    List<Object> args = Arrays.asList(scalars, 1, 2.0, "q", null);
    byte[] payload = PlainValues.encodeRecord(codec.argumentSchema(), args);
    assertThat(PlainValues.decodeRecord(codec.argumentSchema(), payload))
        .isEqualTo(Arrays.asList(scalars, 1, 2.0, "q", null));
  }

  @Test
  void mapsWithNonStringKeysArePairsAndBytesAreBase64() {
    MethodCodec codec = codec("collections");
    Map<Point, Color> pointKeys = new HashMap<>();
    pointKeys.put(new Point(1, 2), Color.GREEN);
    Fixtures.Collections c =
        new Fixtures.Collections(
            null, null, null, null, null, null, null, null, null, null, null, null, null,
            pointKeys);
    @SuppressWarnings("unchecked")
    Map<String, Object> plain =
        (Map<String, Object>)
            PlainValues.decodeRecord(
                    codec.argumentSchema(), codec.encodeArguments(new Object[] {c}))
                .get(0);
    assertThat(plain.get("pointKeys"))
        .isEqualTo(List.of(object("key", object("x", 1, "y", 2), "value", "GREEN")));

    MethodCodec arrays = codec("arrays");
    byte[] payload =
        arrays.encodeArguments(
            new Object[] {null, new byte[] {1, 2, 3}, null, null, null, null, null, null, null});
    assertThat(PlainValues.decodeRecord(arrays.argumentSchema(), payload).get(1)).isEqualTo("AQID");
  }

  @Test
  void shapeErrorsNameTheFieldPathAndTheExpectation() {
    MethodCodec codec = codec("order");
    Map<String, Object> order = plainOrder();
    order.put(
        "items", List.of(plainItem("A", "1", 1), plainItem("B", "2", 2), plainItem("C", "x", 3)));
    assertThatThrownBy(
            () -> PlainValues.encodeRecord(codec.argumentSchema(), Arrays.asList(order, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("order.items[2].price: expected a BigDecimal, got \"x\"");

    Map<String, Object> badQuantity = plainOrder();
    badQuantity.put("items", List.of(plainItem("A", "1", "abc")));
    assertThatThrownBy(
            () ->
                PlainValues.encodeRecord(codec.argumentSchema(), Arrays.asList(badQuantity, null)))
        .hasMessage("order.items[0].quantity: expected a whole number, got \"abc\"");

    Map<String, Object> badColor = plainOrder();
    badColor.put("counts", object("PINK", 1));
    assertThatThrownBy(
            () -> PlainValues.encodeRecord(codec.argumentSchema(), Arrays.asList(badColor, null)))
        .hasMessageContaining("order.counts{PINK}: expected one of [RED, GREEN, BLUE]");

    Map<String, Object> unknown = plainOrder();
    unknown.put("colour", "RED");
    assertThatThrownBy(
            () -> PlainValues.encodeRecord(codec.argumentSchema(), Arrays.asList(unknown, null)))
        .hasMessageContaining("order: unknown field \"colour\"");

    assertThatThrownBy(() -> PlainValues.encodeRecord(codec.argumentSchema(), List.of(1)))
        .hasMessageContaining("expected 2 values");
  }
}

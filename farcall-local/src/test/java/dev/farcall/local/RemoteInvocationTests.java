package dev.farcall.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.farcall.examples.invoke.LineItem;
import dev.farcall.examples.invoke.Pricing;
import dev.farcall.examples.invoke.Quote;
import dev.farcall.examples.invoke.Work;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance of issue 2 over the real path: REST upload, JSON to Avro, Kafka, two real workers,
 * Avro back to JSON.
 */
@Order(1)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RemoteInvocationTests {

  private static final String PRICING = Pricing.class.getName();
  private static final String WORK = Work.class.getName();

  private static FarcallApi api;
  private static String examples;
  private static List<String> workers;

  @BeforeAll
  static void startCluster() {
    api = TestCluster.admin();
    examples = TestCluster.examplesProgram();
    workers = TestCluster.get().workerIds();
  }

  @Test
  void quoteWithRecordAndListReturnsTheSameRecordAsALocalCall() {
    Map<String, Object> order = Map.of("customer", "ada", "discountPercent", 10);
    List<Map<String, Object>> items =
        List.of(
            Map.of("sku", "tea", "quantity", 2, "unitPriceCents", 1250),
            Map.of("sku", "cup", "quantity", 1, "unitPriceCents", 999));

    FarcallApi.Response response = api.invoke(examples, PRICING, "quote", order, items);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode answer = response.json();
    assertThat(answer.get("outcome").asString()).isEqualTo("RETURNED");
    Quote atHome =
        Pricing.quote(
            new dev.farcall.examples.invoke.Order("ada", 10),
            List.of(new LineItem("tea", 2, 1250), new LineItem("cup", 1, 999)));
    JsonNode result = answer.get("result");
    assertThat(result.get("totalCents").asLong()).isEqualTo(atHome.totalCents()).isEqualTo(3149);
    assertThat(result.get("itemCount").asInt()).isEqualTo(atHome.itemCount()).isEqualTo(3);
    assertThat(result.get("label").asString())
        .isEqualTo(atHome.label())
        .isEqualTo("ada: 3 items, 31.49");
    assertThat(answer.get("workerId").asString()).isIn(workers);
    assertThat(answer.get("micros").asLong()).isNotNegative();
  }

  @Test
  void thirdPartyJarReversesAStringOnAWorker() {
    String commonsLang = api.uploadProgram(TestCluster.COMMONS_LANG3_JAR);

    FarcallApi.Response response =
        api.invoke(commonsLang, "org.apache.commons.lang3.StringUtils", "reverse", "farcall");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode answer = response.json();
    assertThat(answer.get("outcome").asString()).isEqualTo("RETURNED");
    assertThat(answer.get("result").asString()).isEqualTo("llacraf");
    assertThat(answer.get("workerId").asString()).isIn(workers);
  }

  @Test
  void methodThatThrowsReturnsThrewWithTheExceptionTypeAndMessage() {
    FarcallApi.Response response = api.invoke(examples, PRICING, "fail", "out of stock");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode answer = response.json();
    assertThat(answer.get("outcome").asString()).isEqualTo("THREW");
    JsonNode exception = answer.get("exception");
    assertThat(exception.get("type").asString())
        .isEqualTo("dev.farcall.examples.invoke.PricingException");
    assertThat(exception.get("message").asString()).isEqualTo("out of stock");
    assertThat(answer.get("workerId").asString()).isIn(workers);
  }

  @Test
  void invalidOrderThrowsTheSameMessageAsAtHome() {
    Map<String, Object> order = Map.of("customer", "bob", "discountPercent", 150);

    FarcallApi.Response response = api.invoke(examples, PRICING, "quote", order, List.of());

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode answer = response.json();
    assertThat(answer.get("outcome").asString()).as(response.toString()).isEqualTo("THREW");
    assertThat(answer.get("exception").get("message").asString())
        .isEqualTo("discount out of range: 150");
  }

  @Test
  void thousandConcurrentInvocationsAllReturnTheirOwnResultAndBothWorkersServe() throws Exception {
    int calls = 1000;
    ExecutorService clients = Executors.newFixedThreadPool(64);
    try {
      List<Future<FarcallApi.Response>> answers = new ArrayList<>(calls);
      for (int i = 0; i < calls; i++) {
        int iterations = 1_000 + i;
        answers.add(clients.submit(() -> api.invoke(examples, WORK, "spin", iterations)));
      }

      Set<String> servedBy = new HashSet<>();
      for (int i = 0; i < calls; i++) {
        FarcallApi.Response response = answers.get(i).get(3, TimeUnit.MINUTES);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.get("outcome").asString()).as(response.toString()).isEqualTo("RETURNED");
        assertThat(answer.get("result").asLong()).as("call %d", i).isEqualTo(Work.spin(1_000 + i));
        servedBy.add(answer.get("workerId").asString());
      }
      assertThat(servedBy).containsAll(workers);
    } finally {
      clients.shutdownNow();
    }
  }
}

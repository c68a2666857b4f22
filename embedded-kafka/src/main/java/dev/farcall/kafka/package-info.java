/**
 * A single-node KRaft Kafka broker from the official artifacts, started in-process for the local
 * mode and the tests. Only this module carries the Kafka server artifacts and Scala.
 */
package dev.farcall.kafka;

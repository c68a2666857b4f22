#!/bin/sh
# Kafka's BrokerApiVersionsCommand (as bin/kafka-broker-api-versions.sh of a Kafka distribution),
# e.g. kafka-broker-api-versions.sh --bootstrap-server localhost:9092: exits 0 once the broker
# answers. A small client JVM, started for each check.
exec java -Xmx96m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
  -Dlogback.configurationFile=/opt/farcall/kafka/logback.xml \
  -cp '/opt/farcall/kafka/lib/*' org.apache.kafka.tools.BrokerApiVersionsCommand "$@"

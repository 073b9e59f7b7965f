#!/usr/bin/env bash
# The real Kafka command-line tools from the cached jars (npm run console-producer -- --topic text-lines).
#   kafka-tool.sh console-producer|console-consumer|topics|consumer-perf|producer-perf [args...]
# --bootstrap-server 127.0.0.1:9092 is added when not given.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
load_component kafka
[ $# -ge 1 ] || stack_die "usage: kafka-tool.sh console-producer|console-consumer|topics|consumer-perf|producer-perf [args...]"
tool=$1; shift
case "$tool" in
  console-producer) main=kafka.tools.ConsoleProducer ;;
  console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  topics) main=org.apache.kafka.tools.TopicCommand ;;
  consumer-perf) main=org.apache.kafka.tools.ConsumerPerformance ;;
  producer-perf) main=org.apache.kafka.tools.ProducerPerformance ;;
  *) stack_die "unknown tool '$tool' (console-producer, console-consumer, topics, consumer-perf, producer-perf)" ;;
esac
kafka_install
args=("$@")
case " $* " in
  *" --bootstrap-server "*) ;;
  *) [ "$tool" = producer-perf ] || args=(--bootstrap-server "${KAFKA_BOOTSTRAP:-127.0.0.1:9092}" "${args[@]}") ;;
esac
exec java -Dlog4j.configuration="file:$STACK_REPO_ROOT/scripts/stack/kafka/tools-log4j.properties" -cp "$KAFKA_LIBS/*" "$main" "${args[@]}"

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The word count Sluice's processor runs (JOBS=word-counts), written with the Kafka Streams DSL, for
 * npm run bench:kstreams: lines → words (the same Unicode word pattern as Sluice's `words`
 * tokenizer, lowercased) → repartition by word → count in a state store with a changelog → the
 * running total as JSON on the output topic. Exactly-once (exactly_once_v2); the commit interval
 * plays the role of Sluice's batch interval.
 *
 * Args: bootstrap servers, application.id, input topic, output topic, stream threads,
 * commit interval (ms), state directory. Runs until SIGTERM.
 */
public final class WordCountStreams {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:['’][\\p{L}\\p{M}\\p{N}]+)*");

  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    if (line == null) return out;
    Matcher m = WORD.matcher(line.toLowerCase(Locale.ROOT));
    while (m.find()) out.add(m.group());
    return out;
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 7) {
      System.err.println("usage: WordCountStreams <bootstrap> <application.id> <input> <output> <threads> <commit.interval.ms> <state.dir>");
      System.exit(2);
    }
    Properties p = new Properties();
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(args[4]));
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.parseLong(args[5]));
    p.put(StreamsConfig.STATE_DIR_CONFIG, args[6]);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(args[2], Consumed.with(Serdes.ByteArray(), Serdes.String()))
        .flatMapValues(WordCountStreams::words)
        .groupBy((key, word) -> word, Grouped.with("words", Serdes.String(), Serdes.String()))
        .count(Materialized.as("counts"))
        .toStream()
        // Words hold letters, marks, digits and apostrophes only: no JSON escaping needed.
        .mapValues((word, count) -> "{\"word\":\"" + word + "\",\"count\":" + count + "}")
        .to(args[3], Produced.with(Serdes.String(), Serdes.String()));

    KafkaStreams streams = new KafkaStreams(builder.build(), p);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(30));
      done.countDown();
    }));
    streams.setStateListener((now, before) -> System.out.println("state " + before + " -> " + now));
    streams.start();
    done.await();
  }
}

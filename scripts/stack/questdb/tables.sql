CREATE TABLE IF NOT EXISTS "sine-wave" (series SYMBOL, value DOUBLE, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, series);
CREATE TABLE IF NOT EXISTS trwave (series SYMBOL, tr DOUBLE, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, series);
CREATE TABLE IF NOT EXISTS signal_stats (series SYMBOL, count LONG, min DOUBLE, max DOUBLE, mean DOUBLE, last DOUBLE, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, series);
CREATE TABLE IF NOT EXISTS signal (series SYMBOL, value DOUBLE, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, series);

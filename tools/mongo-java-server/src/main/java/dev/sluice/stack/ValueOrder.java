package dev.sluice.stack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * The B-tree order of the stand-in's H2 maps: a deterministic total order over the values an index
 * key ({@link KeyValue}) or a document's {@code _id} can hold, computed on the objects themselves (the
 * H2 default type compared such keys by Java-serializing both on every comparison).
 *
 * <p>Semantics: {@code compare(a, b) == 0} exactly when {@code a} and {@code b} are the same value of
 * the same type: {@code null} and {@link Missing} are one value; numbers as {@link NumberOrder} (exact,
 * {@code 1} and {@code 1.0} distinct: the library normalises index keys to Double first, so the
 * {@code _id} index treats them as one key, as MongoDB does); documents field by field in their order
 * ({@code {a:1,b:2}} and {@code {b:2,a:1}} differ, as in MongoDB and in {@code Document.equals});
 * arrays element by element; a {@link KeyValue} element by element. It is never based on
 * {@code hashCode} ({@link Missing}, {@link MinKey} and {@link MaxKey} have identity hash codes and are
 * not the same instances after deserialization). Types are ranked as MongoDB ranks BSON types (null,
 * MinKey, numbers, strings, documents, arrays, binary, ObjectId, booleans, dates, timestamps, regular
 * expressions, JavaScript, MaxKey), then the types no BSON value has, by class name. Strings compare
 * by UTF-16 code units ({@link String#compareTo}).
 *
 * <p>Only equality and the order's consistency matter to the maps (unique-key lookups and scans);
 * queries sort with the library's own comparator.
 */
public final class ValueOrder implements Comparator<Object> {
    /** The only instance (stateless, thread-safe). */
    public static final ValueOrder INSTANCE = new ValueOrder();

    private static final int NULL = 0;
    private static final int MIN_KEY = 1;
    private static final int NUMBER = 2;
    private static final int STRING = 3;
    private static final int MAP = 4;
    private static final int COLLECTION = 5;
    private static final int BIN_DATA = 6;
    private static final int LEGACY_UUID = 7;
    private static final int UUID_RANK = 8;
    private static final int OBJECT_ID = 9;
    private static final int BOOLEAN = 10;
    private static final int INSTANT = 11;
    private static final int TIMESTAMP = 12;
    private static final int REGEX = 13;
    private static final int JAVASCRIPT = 14;
    private static final int MAX_KEY = 15;
    private static final int KEY_VALUE = 16;
    private static final int OTHER = 17;

    private ValueOrder() {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        switch (rankA) {
            case NULL:
            case MIN_KEY:
            case MAX_KEY:
                return 0;
            case NUMBER:
                return NumberOrder.compare((Number) a, (Number) b);
            case STRING:
                return ((String) a).compareTo((String) b);
            case MAP:
                return compareMaps((Map<?, ?>) a, (Map<?, ?>) b);
            case COLLECTION:
                return compareCollections((Collection<?>) a, (Collection<?>) b);
            case BIN_DATA:
                return ((BinData) a).compareTo((BinData) b);
            case LEGACY_UUID:
                return ((LegacyUUID) a).compareTo((LegacyUUID) b);
            case UUID_RANK:
                return ((UUID) a).compareTo((UUID) b);
            case OBJECT_ID:
                return ((ObjectId) a).compareTo((ObjectId) b);
            case BOOLEAN:
                return Boolean.compare((Boolean) a, (Boolean) b);
            case INSTANT:
                return ((Instant) a).compareTo((Instant) b);
            case TIMESTAMP:
                return Long.compare(((BsonTimestamp) a).getValue(), ((BsonTimestamp) b).getValue());
            case REGEX:
                return compareRegex((BsonRegularExpression) a, (BsonRegularExpression) b);
            case JAVASCRIPT:
                return ((BsonJavaScript) a).getCode().compareTo(((BsonJavaScript) b).getCode());
            case KEY_VALUE:
                return compareKeyValues((KeyValue) a, (KeyValue) b);
            default:
                return compareOther(a, b);
        }
    }

    private static int rank(Object value) {
        if (value == null || value instanceof Missing) {
            return NULL;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof Number) {
            return NUMBER;
        } else if (value instanceof Map) {
            return MAP;
        } else if (value instanceof KeyValue) {
            return KEY_VALUE;
        } else if (value instanceof Collection) {
            return COLLECTION;
        } else if (value instanceof ObjectId) {
            return OBJECT_ID;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof Instant) {
            return INSTANT;
        } else if (value instanceof UUID) {
            return UUID_RANK;
        } else if (value instanceof BinData) {
            return BIN_DATA;
        } else if (value instanceof LegacyUUID) {
            return LEGACY_UUID;
        } else if (value instanceof BsonTimestamp) {
            return TIMESTAMP;
        } else if (value instanceof BsonRegularExpression) {
            return REGEX;
        } else if (value instanceof BsonJavaScript) {
            return JAVASCRIPT;
        } else if (value instanceof MinKey) {
            return MIN_KEY;
        } else if (value instanceof MaxKey) {
            return MAX_KEY;
        }
        return OTHER;
    }

    private int compareKeyValues(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private int compareMaps(Map<?, ?> a, Map<?, ?> b) {
        Iterator<? extends Map.Entry<?, ?>> left = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<?, ?> x = left.next();
            Map.Entry<?, ?> y = right.next();
            int byKey = compare(x.getKey(), y.getKey());
            if (byKey != 0) {
                return byKey;
            }
            int byValue = compare(x.getValue(), y.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        if (left.hasNext() != right.hasNext()) {
            return left.hasNext() ? 1 : -1;
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    }

    private int compareCollections(Collection<?> a, Collection<?> b) {
        Iterator<?> left = a.iterator();
        Iterator<?> right = b.iterator();
        while (left.hasNext() && right.hasNext()) {
            int c = compare(left.next(), right.next());
            if (c != 0) {
                return c;
            }
        }
        if (left.hasNext() != right.hasNext()) {
            return left.hasNext() ? 1 : -1;
        }
        // A List and a Set of the same elements are distinct values (and encode differently).
        boolean listA = a instanceof java.util.List;
        boolean listB = b instanceof java.util.List;
        if (listA != listB) {
            return listA ? -1 : 1;
        }
        return listA ? 0 : a.getClass().getName().compareTo(b.getClass().getName());
    }

    private static int compareRegex(BsonRegularExpression a, BsonRegularExpression b) {
        int byPattern = a.getPattern().compareTo(b.getPattern());
        // Options may be null (no options given): before any string.
        return byPattern != 0 ? byPattern : Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.getOptions(), b.getOptions());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareOther(Object a, Object b) {
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        if (byClass != 0) {
            return byClass;
        }
        if (a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        return Arrays.compare(serialize(a), serialize(b));
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot order a value of " + value.getClass() + " that is not serializable", e);
        }
        return bytes.toByteArray();
    }
}

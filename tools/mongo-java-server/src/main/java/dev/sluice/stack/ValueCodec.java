package dev.sluice.stack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

/**
 * The stand-in's binary encoding of keys and values in its H2 pages: one tag byte per value, then the
 * value's bytes (a document: its field count, then name and value per field in order).
 *
 * <p>Exact round trip, unlike BSON: a value reads back as the same Java type with the same content
 * ({@code Integer}/{@code Long}/{@code Double}/{@link Decimal128}, an {@link Instant} with its
 * nanoseconds — {@code $currentDate} stores {@code Instant.now()} — {@link Missing}, a
 * {@link KeyValue}, {@code null} fields). Any other type (a {@code Set}, a {@code Map} that is not a
 * {@link Document}, a {@code Float}…) is written by Java serialization under its own tag, as H2's
 * default type wrote everything. Lists read back as {@link ArrayList}.
 *
 * <p>Every tag has its high bit set: H2's default {@code ObjectDataType}, which an older build of the
 * stand-in uses on these maps, knows no such tag and fails with "Unknown tag" or "Unsupported type"
 * instead of misreading a file in this format.
 */
final class ValueCodec {
    private static final byte NULL = (byte) 0x80;
    private static final byte MISSING = (byte) 0x81;
    private static final byte MIN_KEY = (byte) 0x82;
    private static final byte MAX_KEY = (byte) 0x83;
    private static final byte FALSE = (byte) 0x84;
    private static final byte TRUE = (byte) 0x85;
    private static final byte INT32 = (byte) 0x86;
    private static final byte INT64 = (byte) 0x87;
    private static final byte DOUBLE = (byte) 0x88;
    private static final byte DECIMAL128 = (byte) 0x89;
    private static final byte STRING = (byte) 0x8a;
    private static final byte DOCUMENT = (byte) 0x8b;
    private static final byte LIST = (byte) 0x8c;
    private static final byte BIN_DATA = (byte) 0x8d;
    private static final byte UUID_TAG = (byte) 0x8e;
    private static final byte LEGACY_UUID = (byte) 0x8f;
    private static final byte OBJECT_ID = (byte) 0x90;
    private static final byte INSTANT = (byte) 0x91;
    private static final byte TIMESTAMP = (byte) 0x92;
    private static final byte REGEX = (byte) 0x93;
    private static final byte REGEX_WITHOUT_OPTIONS = (byte) 0x94;
    private static final byte JAVASCRIPT = (byte) 0x95;
    private static final byte KEY_VALUE = (byte) 0x96;
    private static final byte SERIALIZED = (byte) 0x97;

    private static final int OBJECT_ID_BYTES = 12;

    private ValueCodec() {
    }

    /** Appends {@code value} (any value, null included) to {@code out}. */
    static void write(WriteBuffer out, Object value) {
        if (value == null) {
            out.put(NULL);
        } else if (value instanceof String) {
            out.put(STRING);
            writeString(out, (String) value);
        } else if (value instanceof Integer) {
            out.put(INT32).putInt((Integer) value);
        } else if (value instanceof Long) {
            out.put(INT64).putLong((Long) value);
        } else if (value instanceof Double) {
            out.put(DOUBLE).putLong(Double.doubleToRawLongBits((Double) value));
        } else if (value.getClass() == Document.class) {
            Document document = (Document) value;
            out.put(DOCUMENT).putVarInt(document.size());
            for (Map.Entry<String, Object> field : document.entrySet()) {
                writeString(out, field.getKey());
                write(out, field.getValue());
            }
        } else if (value instanceof KeyValue) {
            KeyValue key = (KeyValue) value;
            out.put(KEY_VALUE).putVarInt(key.size());
            for (Object element : key) {
                write(out, element);
            }
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            out.put(LIST).putVarInt(list.size());
            for (Object element : list) {
                write(out, element);
            }
        } else if (value instanceof Boolean) {
            out.put((Boolean) value ? TRUE : FALSE);
        } else if (value instanceof Instant) {
            Instant instant = (Instant) value;
            out.put(INSTANT).putLong(instant.getEpochSecond()).putInt(instant.getNano());
        } else if (value instanceof ObjectId) {
            out.put(OBJECT_ID).put(((ObjectId) value).toByteArray());
        } else if (value instanceof Missing) {
            out.put(MISSING);
        } else {
            writeRare(out, value);
        }
    }

    private static void writeRare(WriteBuffer out, Object value) {
        if (value instanceof Decimal128) {
            Decimal128 decimal = (Decimal128) value;
            out.put(DECIMAL128).putLong(decimal.getLow()).putLong(decimal.getHigh());
        } else if (value instanceof BinData) {
            byte[] data = ((BinData) value).getData();
            out.put(BIN_DATA).putVarInt(data.length).put(data);
        } else if (value instanceof UUID) {
            UUID uuid = (UUID) value;
            out.put(UUID_TAG).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        } else if (value instanceof LegacyUUID) {
            UUID uuid = ((LegacyUUID) value).getUuid();
            out.put(LEGACY_UUID).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        } else if (value instanceof BsonTimestamp) {
            out.put(TIMESTAMP).putLong(((BsonTimestamp) value).getValue());
        } else if (value.getClass() == BsonRegularExpression.class) {
            BsonRegularExpression regex = (BsonRegularExpression) value;
            out.put(regex.getOptions() == null ? REGEX_WITHOUT_OPTIONS : REGEX);
            writeString(out, regex.getPattern());
            if (regex.getOptions() != null) {
                writeString(out, regex.getOptions());
            }
        } else if (value instanceof BsonJavaScript) {
            out.put(JAVASCRIPT);
            writeString(out, ((BsonJavaScript) value).getCode());
        } else if (value instanceof MinKey) {
            out.put(MIN_KEY);
        } else if (value instanceof MaxKey) {
            out.put(MAX_KEY);
        } else {
            byte[] serialized = serialize(value);
            out.put(SERIALIZED).putVarInt(serialized.length).put(serialized);
        }
    }

    /**
     * Reads one value written by {@link #write}.
     *
     * @throws IllegalStateException on a tag this codec never writes (a page in another format)
     */
    static Object read(ByteBuffer in) {
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return DataUtils.readString(in);
            case INT32:
                return in.getInt();
            case INT64:
                return in.getLong();
            case DOUBLE:
                return Double.longBitsToDouble(in.getLong());
            case DOCUMENT: {
                int fields = DataUtils.readVarInt(in);
                Document document = new Document();
                for (int i = 0; i < fields; i++) {
                    String name = DataUtils.readString(in);
                    document.put(name, read(in));
                }
                return document;
            }
            case KEY_VALUE:
                return new KeyValue(readElements(in));
            case LIST:
                return readElements(in);
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case INSTANT:
                return Instant.ofEpochSecond(in.getLong(), in.getInt());
            case OBJECT_ID: {
                byte[] bytes = new byte[OBJECT_ID_BYTES];
                in.get(bytes);
                return new ObjectId(bytes);
            }
            case MISSING:
                return Missing.getInstance();
            case DECIMAL128: {
                long low = in.getLong();
                return new Decimal128(low, in.getLong());
            }
            case BIN_DATA: {
                byte[] data = new byte[DataUtils.readVarInt(in)];
                in.get(data);
                return new BinData(data);
            }
            case UUID_TAG: {
                long most = in.getLong();
                return new UUID(most, in.getLong());
            }
            case LEGACY_UUID: {
                long most = in.getLong();
                return new LegacyUUID(most, in.getLong());
            }
            case TIMESTAMP:
                return new BsonTimestamp(in.getLong());
            case REGEX: {
                String pattern = DataUtils.readString(in);
                return new BsonRegularExpression(pattern, DataUtils.readString(in));
            }
            case REGEX_WITHOUT_OPTIONS:
                return new BsonRegularExpression(DataUtils.readString(in), null);
            case JAVASCRIPT:
                return new BsonJavaScript(DataUtils.readString(in));
            case MIN_KEY:
                return MinKey.getInstance();
            case MAX_KEY:
                return MaxKey.getInstance();
            case SERIALIZED: {
                byte[] serialized = new byte[DataUtils.readVarInt(in)];
                in.get(serialized);
                return deserialize(serialized);
            }
            default:
                throw new IllegalStateException("unknown value tag 0x" + Integer.toHexString(tag & 0xff)
                    + " at byte " + (in.position() - 1) + ": this page is not in the stand-in's format");
        }
    }

    private static List<Object> readElements(ByteBuffer in) {
        int size = DataUtils.readVarInt(in);
        List<Object> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(read(in));
        }
        return elements;
    }

    private static void writeString(WriteBuffer out, String s) {
        out.putVarInt(s.length()).putStringData(s, s.length());
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a value of " + value.getClass() + ": not serializable", e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] serialized) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read a Java-serialized value from the store", e);
        }
    }
}

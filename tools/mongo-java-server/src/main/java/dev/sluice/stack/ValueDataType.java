package dev.sluice.stack;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The H2 key and value type of the stand-in's collection and index maps: keys ordered by
 * {@link ValueOrder} (no serialization per comparison), keys and values stored with
 * {@link ValueCodec}.
 *
 * <p>{@link #getMemory} is H2's estimate of an object's heap size, which sizes the page cache and
 * triggers background commits: strings and index keys are estimated from their length, documents
 * from a moving average of their encoded size (as H2's default type does for serialized objects).
 * One instance per map (the average is per map); instances are thread-safe (the average is a racy
 * estimate by design).
 */
public final class ValueDataType extends BasicDataType<Object> {
    private static final int OBJECT_OVERHEAD = 24;
    /** Heap bytes per encoded byte of a document (boxed fields, map entries, strings as UTF-16). */
    private static final int HEAP_PER_ENCODED_BYTE = 4;

    private volatile int averageEncodedSize = 128;

    @Override
    public int compare(Object a, Object b) {
        return ValueOrder.INSTANCE.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        if (!isAveraged(value)) {
            return knownMemory(value);
        }
        return OBJECT_OVERHEAD + HEAP_PER_ENCODED_BYTE * averageEncodedSize;
    }

    private static boolean isAveraged(Object value) {
        return !(value == null || value instanceof String || value instanceof KeyValue || value instanceof Number || value instanceof Boolean);
    }

    private static int knownMemory(Object value) {
        if (value instanceof String) {
            return OBJECT_OVERHEAD + 16 + 2 * ((String) value).length();
        }
        if (value instanceof KeyValue) {
            int memory = OBJECT_OVERHEAD + 40;
            for (Object element : (KeyValue) value) {
                memory += element instanceof String ? OBJECT_OVERHEAD + 16 + 2 * ((String) element).length() : OBJECT_OVERHEAD;
            }
            return memory;
        }
        return OBJECT_OVERHEAD;
    }

    @Override
    public void write(WriteBuffer out, Object value) {
        int start = out.position();
        ValueCodec.write(out, value);
        if (isAveraged(value)) {
            int size = out.position() - start;
            averageEncodedSize = (size + 15 * averageEncodedSize) / 16;
        }
    }

    @Override
    public Object read(ByteBuffer in) {
        return ValueCodec.read(in);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}

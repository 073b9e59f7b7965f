package dev.sluice.stack;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * A unique index of the stand-in kept in one H2 map, normalised index key ({@link KeyValue}) →
 * position of the document (its {@code _id} value, the key of the collection's data map), opened
 * with {@link ValueDataType} keys and values by {@link TypedH2Database}.
 *
 * <p>The library's {@link AbstractUniqueIndex} decides what to look up, refuse (E11000) or remove;
 * this class only maps those operations onto the H2 map. Lookups, inserts and removals cost
 * O(log n) comparisons of {@link ValueOrder}.
 */
final class TypedH2UniqueIndex extends AbstractUniqueIndex<Object> {
    private final MVMap<KeyValue, Object> entries;

    /**
     * @param entries the index's map (created empty for a new index)
     * @param name the index name ({@code _id_}, or the name given at {@code createIndex})
     * @param keys the indexed fields and their directions
     * @param sparse whether documents without any indexed field are left out
     */
    TypedH2UniqueIndex(MVMap<KeyValue, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return entries.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        // H2 maps hold no null values: a document whose _id is null is at position Missing.
        return entries.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return entries.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return entries.get(key);
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}

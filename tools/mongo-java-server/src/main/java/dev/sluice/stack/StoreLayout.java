package dev.sluice.stack;

import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * Which H2 maps of the MVStore file hold what: the names mongo-java-server's H2 backend gives them
 * (kept, so a file of the older build is migrated in place), and which of them are opened with
 * {@link ValueDataType}.
 *
 * <ul>
 *   <li>{@code databases.<db>.<collection>}: the documents, {@code _id} → document (typed);</li>
 *   <li>{@code <db>.<collection>._index_<index>}: a unique index, key → {@code _id} (typed);</li>
 *   <li>{@code meta.<db>.<collection>}: the collection's data size (H2's default types, unchanged);</li>
 *   <li>{@code $sluice.<…>}: this stand-in's own maps ({@link StoreFormat}); a database name
 *       cannot start with {@code $} in MongoDB, so no collection map can take such a name.</li>
 * </ul>
 */
final class StoreLayout {
    static final String DATA_PREFIX = "databases.";
    static final String META_PREFIX = "meta.";
    static final String INDEX_INFIX = "._index_";
    static final String OWN_PREFIX = "$sluice.";

    private StoreLayout() {
    }

    static String dataMap(String fullCollectionName) {
        return DATA_PREFIX + fullCollectionName;
    }

    static String metaMap(String fullCollectionName) {
        return META_PREFIX + fullCollectionName;
    }

    static String indexMap(String fullCollectionName, String indexName) {
        return fullCollectionName + INDEX_INFIX + indexName;
    }

    /**
     * Whether the map {@code name} holds documents or index entries (opened with
     * {@link ValueDataType}). A {@code meta.} name is a collection's size only when the matching
     * {@code databases.} map exists: otherwise it is an index map of a database named "meta".
     *
     * @param allNames every map name of the store
     */
    static boolean isTyped(String name, Set<String> allNames) {
        if (name.startsWith(OWN_PREFIX)) {
            return false;
        }
        if (name.startsWith(DATA_PREFIX)) {
            return true;
        }
        if (name.startsWith(META_PREFIX) && allNames.contains(DATA_PREFIX + name.substring(META_PREFIX.length()))) {
            return false;
        }
        return name.contains(INDEX_INFIX);
    }

    /** A builder of a map with {@link ValueDataType} keys and values (a fresh type per map). */
    static <K, V> MVMap.Builder<K, V> typedMap() {
        return new MVMap.Builder<K, V>().keyType(new ValueDataType()).valueType(new ValueDataType());
    }
}

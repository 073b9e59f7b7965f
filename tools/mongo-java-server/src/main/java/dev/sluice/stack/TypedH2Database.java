package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * One MongoDB database of the stand-in, in the shared MVStore: mongo-java-server's H2 database with
 * the documents and unique indexes in maps of {@link ValueDataType} (see {@link StoreLayout} for the
 * map names, the same as the library's).
 *
 * <p>It extends the library's abstract database rather than {@code H2Database}, whose constructor
 * opens every collection and index before a subclass could hold the store. Differences from
 * {@code H2Database} besides the map types: dropping a database removes only its own maps
 * ({@code H2Database} also removed those of every database whose name starts with this one's), and
 * renaming a collection renames its data, size and index maps (there it renamed none, so a renamed
 * collection came back empty after a restart).
 */
final class TypedH2Database extends AbstractSynchronizedMongoDatabase<Object> {
    private final MVStore store;

    /**
     * Opens (or creates) the database and every collection and index it has in {@code store}.
     *
     * @param store the open MVStore, already in the current {@link StoreFormat}
     */
    TypedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.store = store;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = store.openMap(StoreLayout.dataMap(fullName), StoreLayout.typedMap());
        MVMap<String, Object> size = store.openMap(StoreLayout.metaMap(fullName));
        return new H2Collection(this, collectionName, options, documents, size, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        String mapName = StoreLayout.indexMap(getFullCollectionNamespace(collectionName), indexName);
        MVMap<KeyValue, Object> entries = store.openMap(mapName, StoreLayout.typedMap());
        return new TypedH2UniqueIndex(entries, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store.removeMap(StoreLayout.indexMap(getFullCollectionNamespace(collection.getCollectionName()), indexName));
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String fullName = getFullCollectionNamespace(collectionName);
        store.removeMap(StoreLayout.dataMap(fullName));
        store.removeMap(StoreLayout.metaMap(fullName));
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        String ownIndexes = getDatabaseName() + ".";
        String ownData = StoreLayout.dataMap(ownIndexes);
        String ownSizes = StoreLayout.metaMap(ownIndexes);
        List<String> leftOver = new ArrayList<>();
        for (String name : store.getMapNames()) {
            if (name.startsWith(ownData) || name.startsWith(ownSizes)
                || (name.startsWith(ownIndexes) && name.contains(StoreLayout.INDEX_INFIX))) {
                leftOver.add(name);
            }
        }
        leftOver.forEach(store::removeMap);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldFullName = collection.getFullName();
        String newFullName = getFullCollectionNamespace(newCollectionName);
        super.moveCollection(oldDatabase, collection, newCollectionName);
        rename(StoreLayout.dataMap(oldFullName), StoreLayout.dataMap(newFullName), true);
        rename(StoreLayout.metaMap(oldFullName), StoreLayout.metaMap(newFullName), false);
        String oldIndexes = StoreLayout.indexMap(oldFullName, "");
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.startsWith(oldIndexes)) {
                rename(name, StoreLayout.indexMap(newFullName, name.substring(oldIndexes.length())), true);
            }
        }
    }

    private void rename(String from, String to, boolean typed) {
        if (store.hasMap(from)) {
            MVMap<Object, Object> map = typed ? store.openMap(from, StoreLayout.typedMap()) : store.openMap(from);
            store.renameMap(map, to);
        }
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = store.getFileStore();
        return fileStore == null ? 0 : fileStore.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}

package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend (every database in one MVStore file) with its documents and unique
 * indexes in maps of {@link ValueDataType}: keys compared on the objects instead of by
 * Java-serializing both on every B-tree comparison, keys and documents stored with
 * {@link ValueCodec} instead of Java serialization.
 *
 * <p>Use {@link #open} (not the constructor): it first brings the store to the current
 * {@link StoreFormat} (migrating a file written by the plain {@link H2Backend} in place), since this
 * backend's maps cannot read pages of the default types. Closing the backend commits and closes the
 * store, as {@link H2Backend} does.
 */
public final class TypedH2Backend extends H2Backend {
    private TypedH2Backend(MVStore store) {
        super(store);
    }

    /**
     * Prepares {@code store} ({@link StoreFormat#prepare}) and opens every database in it.
     *
     * @param store an open, writable MVStore (its auto-commit delay is kept)
     * @throws IllegalStateException when the store is in a format this build cannot read or migrate
     *     (see {@link StoreFormat#prepare}); the older build can still read the store then
     */
    public static TypedH2Backend open(MVStore store) {
        StoreFormat.prepare(store);
        return new TypedH2Backend(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // Called from H2Backend's constructor too: only the superclass's state may be used here.
        return new TypedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }
}

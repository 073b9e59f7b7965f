package dev.sluice.stack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The format of the stand-in's MVStore file, kept in a small map of its own, and the in-place
 * migration of a file written by the plain H2 backend (H2's default types: keys compared and values
 * stored by Java serialization). H2 records no key or value type in the file, and the B-tree order of
 * {@link ValueOrder} differs from the default one: a file of the older build read with the new types
 * would be misread, hence the marker.
 *
 * <p>The migration re-inserts every entry of every document and index map ({@link StoreLayout#isTyped})
 * into a copy with {@link ValueDataType} ({@code $sluice.copy.<name>}), then replaces each map by its
 * copy (remove, rename) and writes the marker. It can be stopped at any point (SIGTERM, {@code kill -9},
 * a crash) and is resumed or restarted on the next start:
 * <ul>
 *   <li>while copying, the old maps are untouched (the older build still reads the file; copies left
 *       over are dropped and made again);</li>
 *   <li>the marker's {@code migration} entry, committed before the first map is replaced, makes the
 *       next start finish the replacement from the copies that are left.</li>
 * </ul>
 * Every tag of {@link ValueCodec} is unknown to H2's default type, so an older build started on a
 * migrated file fails at start-up ("Unknown tag" / "Unsupported type") instead of misreading it.
 */
final class StoreFormat {
    /** The format this build writes and reads. */
    static final String CURRENT = "typed-values-1";
    static final String MARKER_MAP = StoreLayout.OWN_PREFIX + "format";
    static final String FORMAT_KEY = "format";
    static final String MIGRATION_KEY = "migration";
    private static final String COPY_PREFIX = StoreLayout.OWN_PREFIX + "copy.";
    private static final long PROGRESS_EVERY = 200_000;

    private StoreFormat() {
    }

    /**
     * Brings {@code store} to {@link #CURRENT}: marks a new (empty) store, migrates a store of the
     * plain H2 backend (printing its progress on stdout, lines starting "store format:"), finishes an
     * interrupted migration, and accepts a store already in this format. Commits what it changed.
     *
     * @throws IllegalStateException when the store's marker names another format (written by a newer
     *     build), or when two entries of one old map are one key under {@link ValueOrder} (the old
     *     maps are then untouched, so the older build still reads the file)
     */
    static void prepare(MVStore store) {
        if (store.hasMap(MARKER_MAP)) {
            MVMap<String, String> marker = store.openMap(MARKER_MAP);
            if (marker.containsKey(MIGRATION_KEY)) {
                log("resuming an interrupted migration: replacing the old maps by their copies");
                replaceByCopies(store, marker);
                return;
            }
            String format = marker.get(FORMAT_KEY);
            if (!CURRENT.equals(format)) {
                throw new IllegalStateException("the store " + fileName(store) + " is in format '" + format
                    + "', this build of tools/mongo-java-server reads '" + CURRENT
                    + "': start the build that wrote it, or start on another file");
            }
            return;
        }
        List<String> oldMaps = typedMaps(store);
        if (!oldMaps.isEmpty()) {
            migrate(store, oldMaps);
            return;
        }
        MVMap<String, String> marker = store.openMap(MARKER_MAP);
        marker.put(FORMAT_KEY, CURRENT);
        store.commit();
    }

    private static List<String> typedMaps(MVStore store) {
        Set<String> names = new HashSet<>(store.getMapNames());
        List<String> typed = new ArrayList<>();
        for (String name : names) {
            if (StoreLayout.isTyped(name, names)) {
                typed.add(name);
            }
        }
        typed.sort(null);
        return typed;
    }

    private static void migrate(MVStore store, List<String> oldMaps) {
        log("migrating " + oldMaps.size() + " maps of " + fileName(store) + " to format " + CURRENT
            + " (the older build's maps stay readable until every map is copied)");
        long started = System.nanoTime();
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.startsWith(COPY_PREFIX)) {
                store.removeMap(name);
            }
        }
        long entries = 0;
        for (String name : oldMaps) {
            entries += copy(store, name);
        }
        MVMap<String, String> marker = store.openMap(MARKER_MAP);
        marker.put(MIGRATION_KEY, "replacing the old maps by their copies");
        store.commit();
        replaceByCopies(store, marker);
        log("migrated " + entries + " entries in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Copies every entry of the old map {@code name} into {@code $sluice.copy.<name>}. @return the entries */
    private static long copy(MVStore store, String name) {
        MVMap<Object, Object> from = store.openMap(name);
        MVMap<Object, Object> to = store.openMap(COPY_PREFIX + name, StoreLayout.typedMap());
        long copied = 0;
        for (Cursor<Object, Object> cursor = from.cursor(null); cursor.hasNext(); ) {
            Object key = cursor.next();
            Object previous = to.putIfAbsent(key, cursor.getValue());
            if (previous != null) {
                throw new IllegalStateException("cannot migrate " + fileName(store) + ": map '" + name
                    + "' holds two entries that are one key in format " + CURRENT + " (" + key
                    + "); nothing was replaced, the older build still reads the file: remove one of the two"
                    + " with it, or start on another file");
            }
            if (++copied % PROGRESS_EVERY == 0) {
                log("migrating " + name + ": " + copied + " of " + from.sizeAsLong() + " entries");
            }
        }
        return copied;
    }

    private static void replaceByCopies(MVStore store, MVMap<String, String> marker) {
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (!name.startsWith(COPY_PREFIX)) {
                continue;
            }
            String original = name.substring(COPY_PREFIX.length());
            if (store.hasMap(original)) {
                store.removeMap(original);
            }
            store.renameMap(store.openMap(name, StoreLayout.typedMap()), original);
        }
        marker.put(FORMAT_KEY, CURRENT);
        marker.remove(MIGRATION_KEY);
        store.commit();
    }

    private static String fileName(MVStore store) {
        return store.getFileStore() == null ? "(in memory)" : store.getFileStore().getFileName();
    }

    private static void log(String message) {
        System.out.println("store format: " + message);
    }
}

package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * Starts the MongoDB wire-protocol server (mongo-java-server, speaking as MongoDB 5.0) of Sluice's
 * native stack.
 *
 * <p>Usage: {@code MongoStackServer host port storage [commitDelayMs] [--legacy-format]} where storage
 * is a file path (the H2 backend: every collection in one MVStore file that survives restarts) or
 * {@code memory} (the in-memory backend: faster, lost when the process stops). The file is kept by
 * {@link TypedH2Backend} (typed keys and values, {@link StoreFormat}); a file of the older build is
 * migrated in place at start-up, before the port is bound (progress on stdout). {@code --legacy-format}
 * runs the plain {@link H2Backend} of the older build instead: for tests that need a file in the old
 * format. Exit status 2 on bad arguments, 1 when the store cannot be opened.
 *
 * <p>Durability of the H2 backend: H2's MVStore writes the changes of the last {@code commitDelayMs}
 * (default 1000 ms) to the file in the background; a clean stop (SIGTERM) closes the store and loses
 * nothing, a {@code kill -9} loses at most the writes of that last interval (the file is not fsynced
 * on every commit: a power loss can lose what the OS had not written yet).
 */
public final class MongoStackServer {
    private static final String LEGACY_FLAG = "--legacy-format";

    private MongoStackServer() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        List<String> args = new ArrayList<>(Arrays.asList(arguments));
        boolean legacy = args.remove(LEGACY_FLAG);
        if (args.size() < 3 || args.size() > 4) {
            System.err.println("usage: MongoStackServer host port (storage-file|memory) [commitDelayMs] [" + LEGACY_FLAG + "]");
            System.exit(2);
        }
        String host = args.get(0);
        int port = Integer.parseInt(args.get(1));
        String storage = args.get(2);
        int commitDelayMs = args.size() > 3 ? Integer.parseInt(args.get(3)) : 1000;
        MongoBackend backend;
        if ("memory".equals(storage)) {
            backend = new MemoryBackend().version(ServerVersion.MONGO_5_0);
        } else {
            backend = openFileBackend(storage, commitDelayMs, legacy).version(ServerVersion.MONGO_5_0);
        }
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        // shutdown() closes the backend, which commits and closes the MVStore file.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        System.out.println("mongo-java-server listening on " + host + ":" + port + " (storage: " + storage
            + (legacy ? ", legacy format" : "") + ")");
        Thread.currentThread().join();
    }

    private static H2Backend openFileBackend(String file, int commitDelayMs, boolean legacy) {
        MVStore store = new MVStore.Builder().fileName(file).open();
        store.setAutoCommitDelay(commitDelayMs);
        // A SIGTERM during a migration (before the server exists) still closes the file cleanly.
        Thread closeStore = new Thread(store::close);
        Runtime.getRuntime().addShutdownHook(closeStore);
        try {
            H2Backend backend = legacy ? new H2Backend(store) : TypedH2Backend.open(store);
            Runtime.getRuntime().removeShutdownHook(closeStore);
            return backend;
        } catch (RuntimeException e) {
            System.err.println("cannot open the Mongo stand-in's store " + file + ": " + e);
            e.printStackTrace();
            System.exit(1);
            throw e;
        }
    }
}

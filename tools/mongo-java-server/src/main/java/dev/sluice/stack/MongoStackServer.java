package dev.sluice.stack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;

/**
 * Starts the MongoDB wire-protocol server (mongo-java-server, speaking as MongoDB 5.0) of Sluice's
 * native stack.
 *
 * <p>Usage: {@code MongoStackServer host port storage [commitDelayMs]} where storage is a file path
 * (the H2 backend: every collection in one MVStore file that survives restarts) or {@code memory}
 * (the in-memory backend: faster, lost when the process stops).
 *
 * <p>Durability of the H2 backend: H2's MVStore writes the changes of the last {@code commitDelayMs}
 * (default 1000 ms) to the file in the background; a clean stop (SIGTERM) closes the store and loses
 * nothing, a {@code kill -9} loses at most the writes of that last interval (the file is not fsynced
 * on every commit: a power loss can lose what the OS had not written yet).
 */
public final class MongoStackServer {
    private MongoStackServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: MongoStackServer host port (storage-file|memory) [commitDelayMs]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String storage = args[2];
        int commitDelayMs = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        MongoBackend backend;
        if ("memory".equals(storage)) {
            backend = new MemoryBackend().version(ServerVersion.MONGO_5_0);
        } else {
            MVStore store = new MVStore.Builder().fileName(storage).open();
            store.setAutoCommitDelay(commitDelayMs);
            backend = new H2Backend(store).version(ServerVersion.MONGO_5_0);
        }
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        // shutdown() closes the backend, which commits and closes the MVStore file.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        System.out.println("mongo-java-server listening on " + host + ":" + port + " (storage: " + storage + ")");
        Thread.currentThread().join();
    }
}

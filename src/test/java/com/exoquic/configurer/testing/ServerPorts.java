package com.exoquic.configurer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for local test servers, reserved so that two servers never race for one. A port comes from
 * {@value #FIRST} to {@value #LAST}, below the ephemeral range (Linux: 32768 and up) from which the system hands
 * ports to clients and to {@code new ServerSocket(0)}, and is held by a lock on
 * {@code <tmp>/exoquic-pg-ports/<port>.lock} while its server lives: other servers of this JVM, and other JVMs
 * running this harness (parallel test forks, another checkout), skip it. A port something else listens on is
 * skipped too.
 */
final class ServerPorts {
    static final int FIRST = 20000;
    static final int LAST = 29999;
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "exoquic-pg-ports");
    /** Each JVM starts at its own place in the range, so JVMs seldom try the same ports. */
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(LAST - FIRST + 1));

    private ServerPorts() {
    }

    /** A port held for the caller until {@link Reservation#close()} (or until the JVM ends). */
    static Reservation reserve() {
        try {
            Files.createDirectories(LOCKS);
            for (int tried = 0; tried <= LAST - FIRST; tried++) {
                int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), LAST - FIRST + 1);
                Reservation reservation = tryReserve(port);
                if (reservation != null) {
                    return reservation;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no free port from " + FIRST + " to " + LAST);
    }

    /** The port, reserved; null when another reservation holds it or something listens on it. */
    static Reservation tryReserve(int port) throws IOException {
        FileChannel channel = FileChannel.open(LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null || !bindable(port)) {
            channel.close();
            return null;
        }
        return new Reservation(port, channel);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A reserved port; closing it lets the port go. */
    record Reservation(int port, FileChannel lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

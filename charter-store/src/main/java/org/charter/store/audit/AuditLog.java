package org.charter.store.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import org.charter.core.audit.AuditChain;
import org.charter.core.audit.AuditEntry;
import org.charter.core.audit.AuditJsonLines;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An append-only audit log file in {@link AuditJsonLines} format: the I/O edge of {@code org.charter.core.audit}.
 * {@link #open} locks the file against other writers, verifies the whole chain and refuses a broken one; {@link
 * #append} adds one entry with a single write followed by {@code FileChannel.force(true)}, so an entry that
 * {@code append} returned is on disk. Thread-safe (appends are serialised); one writer per file across processes.
 *
 * <pre>{@code
 * try (AuditLog log = AuditLog.open(Path.of("audit.jsonl"))) {
 *     AuditEntry e = log.append(Instant.now(), payload);   // payload: any JSON value, typically an ObjectNode
 * }
 * }</pre>
 */
public final class AuditLog implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private AuditEntry last;
    private long size;
    private boolean closed;

    private AuditLog(Path path, FileChannel channel, FileLock lock, AuditEntry last, long size) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.last = last;
        this.size = size;
    }

    /**
     * Opens (creating when missing) the log at {@code path}, continuing its chain.
     *
     * @throws AuditLogException when the file cannot be opened, another writer holds it, or its chain is broken
     */
    public static AuditLog open(Path path) {
        boolean existed = Files.exists(path);
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new AuditLogException(path + ": cannot open audit log: " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw new AuditLogException(path + ": audit log is already open for writing elsewhere", null);
            AuditEntry[] last = {null};
            AuditChain.Verification v;
            ch.position(0);
            InputStream in = Channels.newInputStream(ch); // not closed: closing it would close the channel
            Reader reader = AuditJsonLines.strictUtf8(in);
            v = AuditJsonLines.verify(reader, e -> last[0] = e);
            if (!v.ok())
                throw new AuditLogException(path + ": " + v.firstBreak().orElseThrow().describe()
                        + "; refusing to append to a broken chain", null);
            if (!existed) syncDirectory(path);
            return new AuditLog(path, ch, lock, last[0], ch.size());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new AuditLogException(path + ": cannot read audit log: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** Appends the entry for {@code payload} at {@code at} and returns it once it is on disk. */
    public synchronized AuditEntry append(Instant at, JsonNode payload) {
        if (closed) throw new IllegalStateException(path + ": audit log is closed");
        AuditEntry e = AuditChain.append(last, at.toString(), payload);
        ByteBuffer buf = ByteBuffer.wrap((AuditJsonLines.line(e) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            long pos = size;
            while (buf.hasRemaining()) pos += channel.write(buf, pos);
            channel.force(true);
            size = pos;
        } catch (IOException ex) {
            throw new AuditLogException(path + ": cannot append entry " + e.seq() + ": " + ex.getMessage(), ex);
        }
        last = e;
        return e;
    }

    /** The last entry, empty when the log has none. */
    public synchronized Optional<AuditEntry> last() {
        return Optional.ofNullable(last);
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases the lock as well.
        }
        closeQuietly(channel);
    }

    private static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) return;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Not every platform can open a directory; the file itself is still forced on each append.
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Nothing more to do.
        }
    }
}

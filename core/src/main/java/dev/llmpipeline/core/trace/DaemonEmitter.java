package dev.llmpipeline.core.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends segment documents to the X-Ray daemon over UDP, one document per datagram after the daemon's header line
 * <a href="https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-daemon">
 * ({@code {"format": "json", "version": 1}})</a>. A datagram that cannot be sent is dropped, as UDP would drop it.
 * Thread-safe.
 */
public final class DaemonEmitter implements SegmentEmitter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonEmitter.class);
    private static final byte[] HEADER = "{\"format\": \"json\", \"version\": 1}\n".getBytes(StandardCharsets.UTF_8);

    private final DatagramSocket socket;
    private final InetSocketAddress daemon;

    /** Sends to {@code daemon} from an ephemeral local port. */
    public DaemonEmitter(InetSocketAddress daemon) {
        this.daemon = daemon;
        try {
            this.socket = new DatagramSocket();
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot open a UDP socket for X-Ray", e);
        }
    }

    /**
     * The daemon's address from {@code AWS_XRAY_DAEMON_ADDRESS}: {@code host:port}, or Lambda's form with separate
     * addresses ({@code tcp:host:port udp:host:port}), of which the UDP one is used.
     *
     * @throws IllegalArgumentException for a value of neither form
     */
    public static InetSocketAddress parseAddress(String value) {
        String address = value.trim();
        for (String part : address.split("\\s+")) {
            if (part.startsWith("udp:")) {
                address = part.substring("udp:".length());
            }
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || address.contains(" ")) {
            throw new IllegalArgumentException("AWS_XRAY_DAEMON_ADDRESS: expected host:port, got '" + value + "'");
        }
        try {
            return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("AWS_XRAY_DAEMON_ADDRESS: expected host:port, got '" + value + "'", e);
        }
    }

    @Override
    public void emit(SegmentDocument document) {
        byte[] json = document.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] datagram = new byte[HEADER.length + json.length];
        System.arraycopy(HEADER, 0, datagram, 0, HEADER.length);
        System.arraycopy(json, 0, datagram, HEADER.length, json.length);
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, daemon));
        } catch (IOException e) {
            LOG.debug("segment {} of trace {} not sent to the X-Ray daemon: {}", document.id(), document.traceId(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

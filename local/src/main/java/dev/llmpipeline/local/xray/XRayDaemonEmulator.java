package dev.llmpipeline.local.xray;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the X-Ray daemon: receives segment documents over UDP on 127.0.0.1
 * (<a href="https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-daemon">one
 * document per datagram, after the {@code {"format": "json", "version": 1}} header line</a>) and keeps them per trace
 * instead of sending them to X-Ray. Memory is bounded: past {@value #MAX_DOCUMENTS} documents the oldest traces are
 * dropped. Thread-safe.
 */
public final class XRayDaemonEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XRayDaemonEmulator.class);
    /** The daemon's limit on a datagram, and X-Ray's on a segment document: 64 KB. */
    private static final int MAX_DATAGRAM = 64 * 1024;
    static final int MAX_DOCUMENTS = 200_000;

    private final DatagramSocket socket;
    private final Thread receiver;
    private final Map<String, List<JsonNode>> documentsByTrace = new LinkedHashMap<>();
    private int documents;

    private XRayDaemonEmulator(DatagramSocket socket) {
        this.socket = socket;
        this.receiver = new Thread(this::receive, "xray-daemon");
        this.receiver.setDaemon(true);
    }

    /** Listens on an ephemeral UDP port of 127.0.0.1. */
    public static XRayDaemonEmulator start() {
        try {
            var emulator = new XRayDaemonEmulator(new DatagramSocket(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            emulator.receiver.start();
            return emulator;
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot open the X-Ray daemon emulator's UDP socket", e);
        }
    }

    /** Where it listens, as {@code AWS_XRAY_DAEMON_ADDRESS} gives it: {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** The documents received for a trace, in order of arrival; empty if none. */
    public synchronized List<JsonNode> documents(String traceId) {
        return List.copyOf(documentsByTrace.getOrDefault(traceId, List.of()));
    }

    private void receive() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("X-Ray daemon emulator: receive failed: {}", e.getMessage());
                }
                continue;
            }
            accept(new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    /** Keeps the document of one datagram; drops (with a warning) one that is not a segment document. */
    void accept(String datagram) {
        int newline = datagram.indexOf('\n');
        try {
            JsonNode header = Json.parse(newline < 0 ? datagram : datagram.substring(0, newline));
            if (newline < 0 || !"json".equals(header.path("format").asText()) || header.path("version").asInt() != 1) {
                LOG.warn("X-Ray daemon emulator: datagram without the daemon header; dropped");
                return;
            }
            JsonNode document = Json.parse(datagram.substring(newline + 1));
            String traceId = document.path("trace_id").asText();
            if (traceId.isEmpty()) {
                LOG.warn("X-Ray daemon emulator: document without trace_id; dropped");
                return;
            }
            store(traceId, document);
        } catch (JsonProcessingException e) {
            LOG.warn("X-Ray daemon emulator: malformed document dropped: {}", e.getOriginalMessage());
        }
    }

    private synchronized void store(String traceId, JsonNode document) {
        documentsByTrace.computeIfAbsent(traceId, id -> new ArrayList<>()).add(document);
        documents++;
        Iterator<List<JsonNode>> oldest = documentsByTrace.values().iterator();
        while (documents > MAX_DOCUMENTS && oldest.hasNext()) {
            documents -= oldest.next().size();
            oldest.remove();
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

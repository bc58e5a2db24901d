package dev.llmpipeline.local.net;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The JDK's HTTP server, as every HTTP part of the local stack uses it: on 127.0.0.1 only, without Nagle's delay. */
public final class LoopbackHttpServer {
    // The JDK server sends a response's headers and body in separate writes; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK of the headers, adding about 40 ms to every request. The server reads the
    // property once, when the first server of the JVM is created.
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private LoopbackHttpServer() {
    }

    /**
     * An unstarted server bound to 127.0.0.1.
     *
     * @param port    the port, or 0 for any free one
     * @param backlog the TCP accept backlog (0 for the system's default)
     */
    public static HttpServer create(int port, int backlog) throws IOException {
        System.setProperty(NO_DELAY, "true");
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }
}

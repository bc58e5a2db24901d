package dev.llmpipeline.local.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends an HTTP/1.1 request byte for byte, as a hostile client could: any method, any request target (unencoded,
 * badly encoded, very long), repeated or non-ASCII headers, any body. {@link java.net.http.HttpClient} refuses most of
 * these before they leave. One connection per request ({@code Connection: close}); the answer is read to its end.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 60_000;

    /** A header as sent: its value's characters become bytes one to one (ISO-8859-1), so any byte can be sent. */
    record Header(String name, String value) {}

    private final URI base;

    RawHttp(URI base) {
        this.base = base;
    }

    /**
     * Sends one request and reads the answer.
     *
     * @param target the request target exactly as sent, such as {@code /jobs/%zz?wait=1}
     */
    Response send(String method, String target, List<Header> headers, byte[] body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream output = socket.getOutputStream();
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            headers.forEach(header -> head.append(header.name()).append(": ").append(header.value()).append("\r\n"));
            head.append("\r\n");
            // The server may answer and close before the whole request is sent (a refused size, say): read it anyway.
            IOException writeFailure = null;
            try {
                output.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                output.write(body);
                output.flush();
            } catch (IOException e) {
                writeFailure = e;
            }
            try {
                return parse(method, socket.getInputStream().readAllBytes());
            } catch (IOException e) {
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(target) + " failed: " + e, e);
        }
    }

    private static Response parse(String method, byte[] answer) {
        int headEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headEnd < 0) {
            throw new IllegalStateException("no HTTP answer: " + abbreviate(new String(answer,
                    StandardCharsets.ISO_8859_1)));
        }
        String[] lines = new String(answer, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int index = 1; index < lines.length; index++) {
            String[] header = lines[index].split(":", 2);
            headers.putIfAbsent(header[0].trim().toLowerCase(Locale.ROOT), header.length > 1 ? header[1].trim() : "");
        }
        byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, method.equals("HEAD") ? Json.mapper().nullNode() : json(body), headers);
    }

    private static JsonNode json(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return Json.mapper().nullNode();
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(text);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = 0;
        while (position < chunked.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, position, chunked.length),
                    "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int size = Integer.parseInt(new String(chunked, position, lineEnd, StandardCharsets.ISO_8859_1)
                    .split(";", 2)[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, position + lineEnd + 2, size);
            position += lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] wanted) {
        outer:
        for (int start = 0; start + wanted.length <= data.length; start++) {
            for (int offset = 0; offset < wanted.length; offset++) {
                if (data[start + offset] != wanted[offset]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}

package dev.stoa.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection kept alive across requests, sent one after another as a client library would: exactly one
 * socket, so a test controls which requests share a connection (the JDK client pools connections as it likes). Each
 * response must arrive within the read timeout, or {@link #send} throws {@link NoAnswerException}.
 */
public final class KeepAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final Duration readTimeout;

    public KeepAliveConnection(String host, int port, Duration readTimeout) {
        try {
            this.socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.host = host + ":" + port;
            this.readTimeout = readTimeout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: status, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** The server did not answer a request within the read timeout. */
    public static final class NoAnswerException extends RuntimeException {
        NoAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sends a bodiless request and reads its response from the same connection. */
    public Answer send(String method, String path, Map<String, String> headers) {
        StringBuilder request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try {
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readAnswer();
        } catch (SocketTimeoutException e) {
            throw new NoAnswerException(
                    "no answer to " + method + " " + path + " within " + readTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer readAnswer() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            throw new IOException("a keep-alive response needs a length or chunked encoding: " + headers);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt(
                    semicolon < 0 ? size.trim() : size.substring(0, semicolon).trim(), 16);
            if (length == 0) {
                while (!line().isEmpty()) {
                    // trailers, ignored
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        throw new IOException("the server closed the connection");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket we are done with: nothing to do
        }
    }
}

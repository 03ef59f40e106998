package io.streamsuite.kit.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal TCP forwarder in front of the registry, so a test can cut it off and bring it back without
 * restarting it (its storage is in memory). While out, the port is closed: new connections are refused and
 * open ones are dropped.
 */
public final class TcpProxy implements AutoCloseable {

    private static final long REBIND_TIMEOUT_NANOS = 10_000_000_000L;

    private final String targetHost;
    private final int targetPort;
    private int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private boolean closed;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public static TcpProxy start(String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort);
        synchronized (proxy) {
            proxy.listen(0);
            proxy.port = proxy.server.getLocalPort();
            proxy.startAccepting(proxy.server);
        }
        return proxy;
    }

    public synchronized int port() {
        return port;
    }

    public synchronized boolean isOut() {
        return server == null;
    }

    /** Refuses new connections and drops the open ones. */
    public synchronized void cutOff() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        for (Socket socket : open) {
            abort(socket);
        }
        open.clear();
    }

    /** Listens again on the same port (waiting a little if the kernel still holds it). */
    public synchronized void restore() {
        if (closed || server != null) {
            return;
        }
        long deadline = System.nanoTime() + REBIND_TIMEOUT_NANOS;
        while (true) {
            try {
                listen(port);
                break;
            } catch (UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(50);
            }
        }
        startAccepting(server);
    }

    private void listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Proxy could not listen on port " + onPort, e);
        }
    }

    private void startAccepting(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    forward(listening, client);
                } catch (IOException e) {
                    // Closed by cutOff() or close(): the loop ends.
                }
            }
        }, "registry-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void forward(ServerSocket listening, Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(targetHost, targetPort);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(upstream);
        if (listening.isClosed()) {
            // Accepted just as the outage began: it must not survive it.
            abort(client);
            abort(upstream);
            return;
        }
        pipe(client, upstream);
        pipe(upstream, client);
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // Either side closed: the pair is done.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "registry-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void close() {
        closed = true;
        cutOff();
    }

    /** Resets instead of closing gracefully, so no half-closed socket keeps the port from being listened on again. */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Already closed.
        }
        closeQuietly(socket);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Best effort: the socket is being discarded.
        }
    }
}

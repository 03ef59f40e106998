package io.streamsuite.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks the ports the stack needs before starting anything, so a clash reads as a sentence, not a stack trace. */
final class Ports {

    private Ports() {
    }

    /** One line per port already in use; {@code purposes} maps each port to what needs it and the option that moves it. */
    static List<String> taken(Map<Integer, String> purposes) {
        List<String> taken = new ArrayList<>();
        purposes.forEach((port, purpose) -> {
            if (!isFree(port)) {
                taken.add("port " + port + " for the " + purpose + " is already in use");
            }
        });
        return taken;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

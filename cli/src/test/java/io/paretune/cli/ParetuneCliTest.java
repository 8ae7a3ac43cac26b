package io.paretune.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ParetuneCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ParetuneCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("submit", "run", "list", "status", "trials", "watch", "cancel", "--url", "Exit status");
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        assertThat(run("status")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter: 'ID'");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("launch")).isEqualTo(2);
        assertThat(err()).contains("Unmatched argument", "launch");
    }

    @Test
    void aBadUrlOrIntervalIsAUsageErrorNamingTheOption() {
        assertThat(run("--url", "ftp://x", "list")).isEqualTo(2);
        assertThat(err()).contains("--url must be an http(s) URL");
        assertThat(run("--interval", "0", "watch", "some-id")).isEqualTo(2);
        assertThat(err()).contains("--interval must be between 0 and 3600 seconds");
    }

    @Test
    void aSpecFileThatIsNotJsonIsRefusedBeforeAnyRequest(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"name\": ");
        assertThat(run("--url", "http://127.0.0.1:1", "submit", spec.toString())).isEqualTo(2);
        assertThat(err()).contains("is not valid JSON (line 1");
        assertThat(run("submit", dir.resolve("absent.json").toString())).isEqualTo(2);
        assertThat(err()).contains("no such file");
    }

    @Test
    void aControllerThatDoesNotAnswerIsAFailureWithWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run("--url", "http://127.0.0.1:" + closedPort, "list")).isEqualTo(1);
        assertThat(err()).contains("cannot reach the Paretune controller", "./paretune up");
    }
}

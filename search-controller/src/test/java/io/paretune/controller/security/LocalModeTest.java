package io.paretune.controller.security;

import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With authentication off (the local stack, and this test profile) the API answers requests that name this machine
 * as their host and refuses the others: a web page on another origin whose name the attacker points at 127.0.0.1
 * (DNS rebinding) still sends its own name.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class LocalModeTest {

    @Test
    void requestsNamingAnotherHostAreRefused() throws IOException {
        assertThat(statusLine("evil.example:" + RestAssured.port)).contains(" 403 ");
        assertThat(statusLine("127.0.0.1.evil.example")).contains(" 403 ");
        assertThat(statusLine("localhost:" + RestAssured.port)).contains(" 200 ");
        assertThat(statusLine("127.0.0.1:" + RestAssured.port)).contains(" 200 ");
        assertThat(statusLine("[::1]:" + RestAssured.port)).contains(" 200 ");
    }

    /** Java's HTTP client upgrades to HTTP/2, where the host travels as :authority and no Host header comes. */
    @Test
    void http2RequestsToTheLoopbackAddressAreServed() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 2; i++) { // the first upgrades the connection, the second runs on HTTP/2
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/campaigns")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    /** The status line of GET /api/v1/campaigns sent with {@code host} as its Host header, over a plain socket. */
    private static String statusLine(String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/campaigns HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}

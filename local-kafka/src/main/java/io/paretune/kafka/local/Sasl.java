package io.paretune.kafka.local;

import org.apache.kafka.common.acl.AclBinding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a {@link LocalKafka} authenticates and authorizes: SASL/SCRAM-SHA-512 for the given users, the KRaft
 * {@code StandardAuthorizer} with {@code acls}, and the broker itself (and whoever holds its password) as super user
 * {@code admin} over SASL/PLAIN. The client listener speaks SASL_SSL with a key store, SASL_PLAINTEXT without.
 *
 * <pre>{@code
 * Sasl sasl = Sasl.of("admin-secret", Map.of("worker", "w-secret"), ServiceAcls.load());
 * try (LocalKafka kafka = LocalKafka.startTemporary(sasl)) {
 *     Map<String, String> worker = kafka.clientProperties("worker", "w-secret");
 * }
 * }</pre>
 *
 * @param adminPassword password of super user {@code admin} (SASL/PLAIN), which the broker uses for itself too
 * @param userPasswords SCRAM-SHA-512 users and their passwords, (re)set at every start
 * @param acls          grants added at every start (adding one twice is harmless)
 * @param keyStore      PKCS12 key store of the client listener's certificate; null for SASL_PLAINTEXT
 */
public record Sasl(String adminPassword, Map<String, String> userPasswords, List<AclBinding> acls, KeyStore keyStore) {

    /** The super user's name: the broker's own principal. */
    public static final String ADMIN = "admin";
    /** The mechanism users authenticate with. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /** @param path a PKCS12 file; also the clients' trust store, so a self-signed certificate will do */
    public record KeyStore(Path path, String password) {

        /**
         * Writes {@code broker.p12} in {@code dir}: a new key pair with a self-signed certificate for 127.0.0.1 and
         * localhost (clients check the host name), made by the JDK's keytool.
         */
        public static KeyStore selfSigned(Path dir, String password) {
            Path path = dir.resolve("broker.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            try {
                Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA",
                        "-keysize", "2048", "-validity", "30", "-dname", "CN=localhost",
                        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", path.toString(),
                        "-storepass", password, "-keypass", password)
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new KeyStore(path, password);
        }
    }

    public Sasl {
        userPasswords = Map.copyOf(userPasswords);
        acls = List.copyOf(acls);
        if (userPasswords.containsKey(ADMIN)) {
            throw new IllegalArgumentException(ADMIN + " is the broker's own user, not a SCRAM user");
        }
    }

    /** SASL_PLAINTEXT. */
    public static Sasl of(String adminPassword, Map<String, String> userPasswords, List<AclBinding> acls) {
        return new Sasl(adminPassword, userPasswords, acls, null);
    }

    /** The same over TLS. */
    public Sasl withKeyStore(KeyStore store) {
        return new Sasl(adminPassword, userPasswords, acls, store);
    }

    /** {@code SASL_SSL} or {@code SASL_PLAINTEXT}. */
    public String securityProtocol() {
        return keyStore == null ? "SASL_PLAINTEXT" : "SASL_SSL";
    }
}

package io.paretune.testing;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real S3 server (s3proxy over an in-memory blob store) on a loopback port of its own, with signed requests and
 * one bucket, for tests of the S3 artifact store: in the test's JVM, reachable by the services the test starts as
 * processes. A module that uses it declares {@code org.gaul:s3proxy} as a test dependency (it is optional here, so
 * that tests which never start one do not carry it).
 *
 * <pre>{@code
 * try (S3TestServer s3 = S3TestServer.start("paretune-artifacts")) {
 *     Map<String, String> settings = s3.storeSettings("campaigns");   // paretune.artifacts.* of every service
 * }
 * }</pre>
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final BlobStoreContext blobs;
    private final S3Proxy proxy;
    private final String bucket;

    private S3TestServer(BlobStoreContext blobs, S3Proxy proxy, String bucket) {
        this.blobs = blobs;
        this.proxy = proxy;
        this.bucket = bucket;
    }

    /** Starts the server and creates {@code bucket} in it. */
    public static S3TestServer start(String bucket) throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0")).build();
        S3TestServer server = new S3TestServer(blobs, proxy, bucket);
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("s3proxy did not start within " + START_TIMEOUT);
                }
                Thread.sleep(20);
            }
            blobs.getBlobStore().createContainerInLocation(null, bucket);
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public String bucket() {
        return bucket;
    }

    /** The {@code paretune.artifacts.*} settings that make a service keep its artifacts here under {@code prefix}. */
    public Map<String, String> storeSettings(String prefix) {
        return Map.of("paretune.artifacts.store", "s3",
                "paretune.artifacts.s3.bucket", bucket,
                "paretune.artifacts.s3.prefix", prefix,
                "paretune.artifacts.s3.endpoint", endpoint().toString(),
                "paretune.artifacts.s3.region", "us-east-1",
                "paretune.artifacts.s3.path-style", "true",
                "paretune.artifacts.s3.access-key", ACCESS_KEY,
                "paretune.artifacts.s3.secret-key", SECRET_KEY);
    }

    /** Every object key in the bucket under {@code prefix}, read from the blob store itself. */
    public List<String> keys(String prefix) {
        BlobStore store = blobs.getBlobStore();
        List<String> keys = new ArrayList<>();
        ListContainerOptions options = ListContainerOptions.Builder.prefix(prefix).recursive();
        String marker = null;
        do {
            var page = store.list(bucket, marker == null ? options : options.afterMarker(marker));
            for (StorageMetadata object : page) {
                keys.add(object.getName());
            }
            marker = page.getNextMarker();
        } while (marker != null);
        return keys;
    }

    @Override
    public void close() throws Exception {
        try {
            if (proxy.getState() != null && !"STOPPED".equals(proxy.getState())) {
                proxy.stop();
            }
        } finally {
            blobs.close();
        }
    }
}

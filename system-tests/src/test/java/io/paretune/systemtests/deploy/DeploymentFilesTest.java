package io.paretune.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.kafka.local.ServiceAcls;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The deployment files are checked by the tools that will read them (Debian's docker-compose, promtool) and
 * against what the services really export, so that a dashboard never charts a metric nobody publishes. No Quarkus:
 * these are plain files.
 */
class DeploymentFilesTest {

    static final Path ROOT = findRoot();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The environment file the compose checks use: the documented variables with placeholder values. */
    private static final String ENV_EXAMPLE = ".env.example";
    /** The secrets .env.example lists and ./paretune images writes. */
    private static final List<String> SECRETS = List.of("POSTGRES_PASSWORD", "PARETUNE_DB_PASSWORD",
            "GRAFANA_ADMIN_PASSWORD", "KAFKA_ADMIN_PASSWORD", "KAFKA_CONTROLLER_PASSWORD", "KAFKA_WORKER_PASSWORD",
            "KAFKA_EVALUATOR_PASSWORD", "MINIO_ROOT_PASSWORD", "S3_CONTROLLER_SECRET", "S3_WORKER_SECRET",
            "S3_EVALUATOR_SECRET");
    private static final String MINIO_INIT = "deploy/minio/minio-init.sh";
    /** The user each compose service logs in as, to Kafka and to MinIO alike. */
    private static final Map<String, String> SERVICE_USERS = Map.of("search-controller", "controller",
            "evaluator", "evaluator", "trainer-worker", "worker", "trainer-worker-gpu", "worker");
    private static final String POSTGRES_INIT = "search-controller/src/main/docker/postgres-init.sh";
    static final String KAFKA_SASL_SCRIPT = "local-kafka/src/main/docker/kafka-sasl.sh";
    static final String KAFKA_ACLS = "local-kafka/src/main/resources/" + ServiceAcls.RESOURCE;

    /** PromQL words that look like identifiers but are not metric names. */
    private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by",
            "without", "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2", "start", "end");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern GRAFANA_VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[[^]]*]]");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    @Test
    void composeFileIsValidForDockerCompose() throws Exception {
        Result quiet = compose(ENV_EXAMPLE, "config", "-q");
        assertThat(quiet.exitCode()).as("docker-compose config -q:%n%s", quiet.output()).isZero();
    }

    @Test
    void composeStackWiresKafkaDatabaseServicesAndMonitoring() throws Exception {
        JsonNode compose = normalizedCompose();
        JsonNode services = compose.path("services");

        assertThat(services.properties().stream().map(Map.Entry::getKey).toList()).contains("kafka", "postgres", "minio",
                "search-controller", "evaluator", "trainer-worker", "prometheus", "grafana");
        assertThat(services.path("kafka").path("environment").has("KAFKA_GROUP_SHARE_MAX_RECORD_LOCK_DURATION_MS"))
                .as("share-group lock ceiling raised").isTrue();
        assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:15");

        JsonNode worker = services.path("trainer-worker");
        assertThat(worker.has("container_name")).as("a scaled service cannot have a fixed container name").isFalse();
        assertThat(worker.has("ports")).as("a scaled service cannot bind a fixed host port").isFalse();
        assertThat(volumes(worker)).contains("/usr/share/datasets/fashion-mnist:/usr/share/datasets/fashion-mnist:ro");
        for (String service : List.of("search-controller", "evaluator", "trainer-worker", "trainer-worker-gpu")) {
            assertThat(String.join("\n", volumes(services.path(service)))).as("%s shares no artifact directory", service)
                    .doesNotContain("artifacts");
        }
        assertThat(compose.path("volumes").has("artifacts")).isFalse();
        for (String service : List.of("search-controller", "evaluator", "trainer-worker")) {
            assertThat(services.path(service).path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText())
                    .as(service).isEqualTo("kafka:9092");
        }
        JsonNode controller = services.path("search-controller").path("environment");
        assertThat(controller.path("QUARKUS_PROFILE").asText()).as("the PostgreSQL profile").isEqualTo("pg");
        assertThat(controller.path("PARETUNE_DB_URL").asText()).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(services.path("search-controller").path("build").path("dockerfile").asText())
                .isEqualTo("src/main/docker/Dockerfile.jvm");
        assertThat(String.join("\n", volumes(services.path("prometheus"))))
                .contains(ROOT.resolve("dashboards/prometheus.yml").toString());
        assertThat(String.join("\n", volumes(services.path("grafana"))))
                .contains(ROOT.resolve("dashboards/provisioning/datasources").toString())
                .contains(ROOT.resolve("dashboards/provisioning/dashboards").toString());
    }

    /**
     * Models and checkpoints go to MinIO through the S3 store, each service as its own MinIO user with the access its
     * part needs: the workers write, the evaluator and the controller only read (as with the Kafka ACLs).
     */
    @Test
    void composeKeepsArtifactsInMinioEachServiceWithItsOwnUserAndAccess() throws Exception {
        Properties example = envExample();
        JsonNode services = normalizedCompose().path("services");
        SERVICE_USERS.forEach((service, user) -> {
            JsonNode env = services.path(service).path("environment");
            assertThat(env.path("PARETUNE_ARTIFACTS_STORE").asText()).as(service).isEqualTo("s3");
            assertThat(env.path("PARETUNE_ARTIFACTS_S3_ENDPOINT").asText()).as(service).isEqualTo("http://minio:9000");
            assertThat(env.path("PARETUNE_ARTIFACTS_S3_BUCKET").asText()).as(service)
                    .isEqualTo(services.path("minio-init").path("environment").path("PARETUNE_S3_BUCKET").asText());
            assertThat(env.path("PARETUNE_ARTIFACTS_S3_PATH_STYLE").asText()).as(service).isEqualTo("true");
            assertThat(env.path("PARETUNE_ARTIFACTS_S3_ACCESS_KEY").asText()).as(service).isEqualTo(user);
            String secret = "S3_" + user.toUpperCase() + "_SECRET";
            assertThat(env.path("PARETUNE_ARTIFACTS_S3_SECRET_KEY").asText()).as(service)
                    .isEqualTo(example.getProperty(secret));
            assertThat(services.path("minio-init").path("environment").path("PARETUNE_" + secret).asText())
                    .as("minio-init gives %s its secret", user).isEqualTo(example.getProperty(secret));
            assertThat(services.path(service).path("depends_on").has("minio-init")).as(service).isTrue();
        });
        assertThat(services.path("minio").path("environment").path("MINIO_ROOT_PASSWORD").asText())
                .isEqualTo(example.getProperty("MINIO_ROOT_PASSWORD"));
        assertThat(services.path("minio").has("ports")).as("MinIO is not published").isFalse();
        String minio = services.path("minio").path("image").asText();
        assertThat(services.path("minio-init").path("image").asText()).isEqualTo(minio);
        assertThat(Files.readString(ROOT.resolve("deploy/kubernetes/overlays/dev/minio.yaml")))
                .as("the cluster's dev overlay runs the MinIO compose runs").contains("image: " + minio);
        assertThat(volumes(services.path("minio-init")))
                .contains(ROOT.resolve("deploy/minio") + ":/opt/paretune:ro");

        String script = Files.readString(ROOT.resolve(MINIO_INIT));
        assertThat(script).contains("attach paretune-artifacts-read controller")
                .contains("attach paretune-artifacts-read evaluator")
                .contains("attach paretune-artifacts-write worker");
        assertThat(actions("read")).containsExactly("s3:GetObject");
        assertThat(actions("write")).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject");
        Result syntax = run("sh", "-n", ROOT.resolve(MINIO_INIT).toString());
        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
    }

    /** The actions a MinIO policy of deploy/minio allows, all on the bucket's objects only. */
    private static List<String> actions(String access) throws IOException {
        JsonNode policy = JSON.readTree(ROOT.resolve("deploy/minio/paretune-artifacts-" + access + ".json").toFile());
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(statement.path("Resource").toString()).isEqualTo("[\"arn:aws:s3:::@BUCKET@/*\"]");
            statement.path("Action").forEach(a -> actions.add(a.asText()));
        }
        return actions;
    }

    /**
     * Every way a CPU worker is started uses the worker's launch defaults (trainer-worker launch.properties): its
     * image, the Compose file and ./paretune up, so that a worker in a container runs as the benchmark measured it.
     */
    @Test
    void workersStartWithTheLaunchDefaultsEverywhere() throws Exception {
        Properties launch = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("trainer-worker/src/main/resources/io/paretune/worker/launch.properties"))) {
            launch.load(in);
        }
        String jvmOptions = launch.getProperty("jvm-options");
        String ompThreads = launch.getProperty("omp-num-threads");
        assertThat(jvmOptions).contains("-Xmx");
        assertThat(Files.readString(ROOT.resolve("trainer-worker/src/main/docker/Dockerfile.jvm")))
                .contains("JAVA_OPTS=\"" + jvmOptions + "\"").contains("OMP_NUM_THREADS=" + ompThreads);
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
        assertThat(compose.path("services").path("trainer-worker").path("environment").path("OMP_NUM_THREADS").asText())
                .isEqualTo(ompThreads);
        assertThat(Files.readString(ROOT.resolve("paretune")))
                .as("./paretune up reads the worker's launch defaults").contains("io/paretune/worker/launch.properties");
    }

    /**
     * Only the controller and Grafana are published, on the loopback address unless the operator says otherwise;
     * the broker, the database, Prometheus and the evaluator are reachable from the compose network alone.
     */
    @Test
    void composePublishesOnlyTheControllerAndGrafanaOnLoopback() throws Exception {
        JsonNode services = normalizedCompose().path("services");
        Map<String, String> published = new TreeMap<>();
        services.properties().forEach(e -> {
            if (e.getValue().has("ports")) {
                published.put(e.getKey(), e.getValue().path("ports").toString());
            }
        });
        assertThat(published).containsOnlyKeys("search-controller", "grafana");
        assertThat(published.get("search-controller")).contains("127.0.0.1").contains("8080");
        assertThat(published.get("grafana")).contains("127.0.0.1").contains("3000");
        assertThat(services.path("kafka").path("environment").path("KAFKA_LISTENERS").asText())
                .doesNotContain("HOST");
    }

    /** Passwords come from the environment file, anonymous Grafana is off, nothing runs with extra privileges. */
    @Test
    void composeTakesSecretsFromTheEnvironmentAndDropsPrivileges() throws Exception {
        Properties example = envExample();
        JsonNode services = normalizedCompose().path("services");
        assertThat(services.path("postgres").path("environment").path("POSTGRES_PASSWORD").asText())
                .isEqualTo(example.getProperty("POSTGRES_PASSWORD"));
        for (String service : List.of("postgres", "search-controller")) {
            assertThat(services.path(service).path("environment").path("PARETUNE_DB_PASSWORD").asText()).as(service)
                    .isEqualTo(example.getProperty("PARETUNE_DB_PASSWORD"));
        }
        assertThat(services.path("postgres").path("environment").has("POSTGRES_USER"))
                .as("the controller's role is not the image's superuser").isFalse();
        assertThat(volumes(services.path("postgres"))).contains(ROOT.resolve(POSTGRES_INIT)
                + ":/docker-entrypoint-initdb.d/10-paretune.sh:ro");
        JsonNode grafana = services.path("grafana").path("environment");
        assertThat(grafana.path("GF_SECURITY_ADMIN_PASSWORD").asText()).isEqualTo(example.getProperty("GRAFANA_ADMIN_PASSWORD"));
        assertThat(grafana.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
        for (String service : List.of("search-controller", "evaluator", "trainer-worker", "minio", "prometheus",
                "grafana")) {
            assertThat(services.path(service).path("security_opt").toString()).as(service).contains("no-new-privileges:true");
            assertThat(services.path(service).path("cap_drop").toString()).as(service).contains("ALL");
        }
        assertThat(services.path("search-controller").path("read_only").asBoolean()).isTrue();
        JsonNode controller = services.path("search-controller");
        assertThat(controller.path("environment").path("PARETUNE_AUTH_ENABLED").asText()).isEqualTo("true");
        assertThat(controller.path("environment").path("PARETUNE_AUTH_API_KEYS_FILE").asText())
                .isEqualTo("/run/secrets/api-keys");
        assertThat(controller.path("secrets").toString()).contains("api-keys");

        Result withoutSecrets = compose(null, "config", "-q");
        assertThat(withoutSecrets.exitCode()).as("docker-compose config without an environment file").isNotZero();
        assertThat(withoutSecrets.output()).containsPattern("set [A-Z0-9_]+_(PASSWORD|SECRET) in .env");
    }

    /**
     * Kafka authenticates every client and authorizes with the ACL table LocalKafka applies too: each service logs in
     * as its own SCRAM user with its password from the environment file, and starts once kafka-init has given every
     * user of the table its password and grants.
     */
    @Test
    void composeKafkaAuthenticatesEachServiceAsItsOwnUserUnderTheAclTable() throws Exception {
        Properties example = envExample();
        Result normalized = compose(ENV_EXAMPLE, "--profile", "gpu", "config");
        assertThat(normalized.exitCode()).as(normalized.output()).isZero();
        JsonNode services = YAML.readTree(normalized.output()).path("services");

        JsonNode kafka = services.path("kafka").path("environment");
        assertThat(kafka.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText()).doesNotContain(":PLAINTEXT");
        assertThat(kafka.path("KAFKA_AUTHORIZER_CLASS_NAME").asText())
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.path("KAFKA_SUPER_USERS").asText()).isEqualTo("User:admin");
        assertThat(kafka.path("KAFKA_LISTENER_NAME_SASL_PLAIN_SASL_JAAS_CONFIG").asText())
                .contains("user_admin=\"" + example.getProperty("KAFKA_ADMIN_PASSWORD") + "\"");
        assertThat(services.path("kafka").path("healthcheck").path("test").toString()).contains("kafka-sasl.sh healthcheck");

        SERVICE_USERS.forEach((service, user) -> {
            JsonNode env = services.path(service).path("environment");
            assertThat(env.path("KAFKA_SECURITY_PROTOCOL").asText()).as(service).isEqualTo("SASL_PLAINTEXT");
            assertThat(env.path("KAFKA_SASL_MECHANISM").asText()).as(service).isEqualTo("SCRAM-SHA-512");
            assertThat(env.path("KAFKA_SASL_JAAS_CONFIG").asText()).as(service)
                    .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                    .contains("username=\"" + user + "\"")
                    .contains("password=\"" + example.getProperty("KAFKA_" + user.toUpperCase() + "_PASSWORD") + "\"");
            assertThat(services.path(service).path("depends_on").path("kafka-init").path("condition").asText())
                    .as(service).isEqualTo("service_completed_successfully");
        });

        JsonNode init = services.path("kafka-init");
        assertThat(init.path("entrypoint").toString()).contains("/opt/paretune/kafka-sasl.sh", "init");
        assertThat(volumes(init)).contains(ROOT.resolve(KAFKA_SASL_SCRIPT) + ":/opt/paretune/kafka-sasl.sh:ro",
                ROOT.resolve(KAFKA_ACLS) + ":/opt/paretune/" + ServiceAcls.RESOURCE + ":ro");
        for (String user : ServiceAcls.users(ServiceAcls.load())) {
            assertThat(init.path("environment").path("PARETUNE_KAFKA_" + user.toUpperCase() + "_PASSWORD").asText())
                    .as(user).isEqualTo(example.getProperty("KAFKA_" + user.toUpperCase() + "_PASSWORD"));
        }
    }

    /** {@code ./paretune images} writes the secrets once, random and owner-only, in a form docker-compose accepts. */
    @Test
    void imagesWritesAnOwnerOnlyEnvironmentFileWithRandomPasswords(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        String write = "source ./paretune && write_compose_env " + env;
        Result first = run("bash", "-c", write);
        assertThat(first.exitCode()).as(first.output()).isZero();
        String written = Files.readString(env);
        assertThat(Files.getPosixFilePermissions(env)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Properties values = new Properties();
        values.load(new java.io.StringReader(written));
        List<String> passwords = SECRETS.stream().map(values::getProperty).toList();
        assertThat(passwords).allMatch(p -> p != null && p.matches("[0-9a-f]{48}")).doesNotHaveDuplicates();

        assertThat(run("bash", "-c", write).exitCode()).isZero();
        assertThat(Files.readString(env)).as("an existing file is kept").isEqualTo(written);
        Result config = compose(env.toString(), "config", "-q");
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    /** A file written before Kafka had passwords gets them, and keeps what it had. */
    @Test
    void imagesAddsTheSecretsAnOlderEnvironmentFileLacks(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        String older = "POSTGRES_PASSWORD=a\nPARETUNE_DB_PASSWORD=b\nGRAFANA_ADMIN_PASSWORD=c";
        Files.writeString(env, older);

        Result result = run("bash", "-c", "source ./paretune && write_compose_env " + env);

        assertThat(result.exitCode()).as(result.output()).isZero();
        Properties values = new Properties();
        values.load(new java.io.StringReader(Files.readString(env)));
        assertThat(Files.readString(env)).startsWith(older + "\n");
        assertThat(SECRETS).allMatch(name -> values.getProperty(name) != null);
        assertThat(values.getProperty("KAFKA_WORKER_PASSWORD")).matches("[0-9a-f]{48}");
        assertThat(compose(env.toString(), "config", "-q").exitCode()).isZero();
    }

    /**
     * The database init script, run as the postgres image runs it, against the real PostgreSQL on 127.0.0.1:5432:
     * the role it creates is no superuser, owns its database and may not create tables in another.
     */
    @Test
    void postgresInitScriptCreatesAnOrdinaryRoleOwningItsDatabase() throws Exception {
        Optional<String> psql = executable("psql");
        Assumptions.assumeTrue(psql.isPresent() && postgresAnswers(),
                "no psql or no PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication)");
        String suffix = Long.toString(System.nanoTime(), 36);
        String role = "paretune_init_" + suffix;
        String db = "paretune_init_db_" + suffix;
        Map<String, String> env = Map.of("PGHOST", "127.0.0.1", "PGPORT", "5432", "POSTGRES_USER", "postgres",
                "PARETUNE_DB_NAME", db, "PARETUNE_DB_USER", role, "PARETUNE_DB_PASSWORD", "it's \"quoted\"");
        try {
            Result init = run(env, "sh", ROOT.resolve(POSTGRES_INIT).toString());
            assertThat(init.exitCode()).as(init.output()).isZero();

            Result rights = run(Map.of(), psql.get(), "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-Atc",
                    "select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = '" + role + "'");
            assertThat(rights.output().strip()).isEqualTo("f|f|f");
            Result own = run(Map.of(), psql.get(), "-h", "127.0.0.1", "-U", role, "-d", db, "-Atc",
                    "create table t (x int); insert into t values (1); select count(*) from t");
            assertThat(own.exitCode()).as(own.output()).isZero();
            Result elsewhere = run(Map.of(), psql.get(), "-h", "127.0.0.1", "-U", role, "-d", "postgres", "-Atc",
                    "create table t (x int)");
            assertThat(elsewhere.exitCode()).isNotZero();
            assertThat(elsewhere.output()).contains("permission denied");
        } finally {
            run(Map.of(), psql.get(), "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres",
                    "-c", "drop database if exists " + db, "-c", "drop role if exists " + role);
        }
    }

    @Test
    void gpuWorkerReservesAnNvidiaGpuOnlyUnderItsProfile() throws Exception {
        Result normalized = compose(ENV_EXAMPLE, "--profile", "gpu", "config");
        assertThat(normalized.exitCode()).as(normalized.output()).isZero();
        JsonNode gpu = YAML.readTree(normalized.output()).path("services").path("trainer-worker-gpu");

        assertThat(gpu.path("profiles").toString()).as("CPU-only users never start it").isEqualTo("[\"gpu\"]");
        JsonNode device = gpu.path("deploy").path("resources").path("reservations").path("devices").path(0);
        assertThat(device.path("driver").asText()).isEqualTo("nvidia");
        assertThat(device.path("capabilities").toString()).contains("\"gpu\"");
        assertThat(gpu.path("build").path("dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.cuda");
        assertThat(Files.readString(ROOT.resolve("trainer-worker/src/main/docker/Dockerfile.cuda")))
                .contains("FROM nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04")
                .contains("target/quarkus-app-cuda/");
        assertThat(gpu.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        assertThat(volumes(gpu)).contains("/usr/share/datasets/fashion-mnist:/usr/share/datasets/fashion-mnist:ro");
        assertThat(gpu.path("networks").path("default").path("aliases").toString())
                .as("Prometheus finds it among the trainer-workers by DNS").contains("\"trainer-worker\"");
    }

    @Test
    void prometheusConfigIsValidForPromtool() throws Exception {
        Optional<String> promtool = executable("promtool");
        Assumptions.assumeTrue(promtool.isPresent(), "promtool is not installed (Debian package prometheus)");

        Result check = run(promtool.get(), "check", "config", ROOT.resolve("dashboards/prometheus.yml").toString());
        assertThat(check.exitCode()).as("promtool check config:%n%s", check.output()).isZero();
    }

    @Test
    void prometheusScrapesEveryServiceAtQuarkusMetricsPath() throws Exception {
        JsonNode config = YAML.readTree(ROOT.resolve("dashboards/prometheus.yml").toFile());
        Map<String, JsonNode> jobs = new TreeMap<>();
        config.path("scrape_configs").forEach(job -> jobs.put(job.path("job_name").asText(), job));

        assertThat(jobs).containsOnlyKeys("search-controller", "evaluator", "trainer-worker");
        jobs.values().forEach(job -> assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics"));
        assertThat(jobs.get("search-controller").toString()).contains("search-controller:8080");
        assertThat(jobs.get("evaluator").toString()).contains("evaluator:8082");
        JsonNode workers = jobs.get("trainer-worker").path("dns_sd_configs").path(0);
        assertThat(workers.path("names").path(0).asText()).as("every scaled replica, by DNS").isEqualTo("trainer-worker");
        assertThat(workers.path("port").asInt()).isEqualTo(8081);
    }

    @Test
    void dashboardsQueryOnlyMetricsTheServicesExport() throws Exception {
        Set<String> exported = exportedMetrics();
        List<Path> dashboards = dashboards();
        assertThat(dashboards).isNotEmpty();

        Map<String, Set<String>> unknownByDashboard = new TreeMap<>();
        Set<String> queried = new TreeSet<>();
        for (Path file : dashboards) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            Set<String> names = new TreeSet<>();
            for (String expr : exprs(dashboard)) {
                names.addAll(metricNames(expr));
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText() + " "
                        + variable.path("query").path("query").asText(variable.path("query").asText()));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            queried.addAll(names);
            Set<String> unknown = new TreeSet<>(names);
            unknown.removeAll(exported);
            if (!unknown.isEmpty()) {
                unknownByDashboard.put(ROOT.relativize(file).toString(), unknown);
            }
        }

        assertThat(unknownByDashboard)
                .as("metrics queried by dashboards but missing from src/test/resources/exported-metrics.txt")
                .isEmpty();
        assertThat(queried).as("the dashboards chart the Paretune metrics").contains("paretune_trials",
                "paretune_worker_samples_per_second", "paretune_evaluation_duration_seconds_count",
                "paretune_messages_dead_lettered_total", "jvm_memory_used_bytes");
    }

    @Test
    void metricNameExtractionIgnoresFunctionsLabelsKeywordsAndVariables() {
        assertThat(metricNames("sum by (state) (rate(paretune_trial_duration_seconds_sum{instance=~\"$instance\","
                + " state!=\"FAIL\"}[$__rate_interval])) / on (state) group_left sum without (job) "
                + "(paretune_trial_duration_seconds_count offset 5m) * 60 > bool 1e3 unless max(up_x:ratio[5m:1m])"))
                .containsExactlyInAnyOrder("paretune_trial_duration_seconds_sum",
                        "paretune_trial_duration_seconds_count", "up_x:ratio");
        assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(x_bucket[1m])))")).containsExactly("x_bucket");
        assertThat(metricNames("label_replace(paretune_queue_depth, \"dst\", \"$1\", \"src\", \"(.*)\")"))
                .containsExactly("paretune_queue_depth");
    }

    @Test
    void dashboardHasRowsAnInstanceVariableAndTheProvisionedDatasource() throws Exception {
        JsonNode dashboard = JSON.readTree(ROOT.resolve("dashboards/paretune.json").toFile());

        JsonNode instance = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("instance".equals(variable.path("name").asText())) {
                instance = variable;
            }
        }
        assertThat(instance).as("$instance template variable").isNotNull();
        assertThat(instance.path("includeAll").asBoolean()).isTrue();

        List<String> rows = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                rows.add(panel.path("title").asText());
            }
        }
        assertThat(rows).containsExactly("Search", "Training", "Evaluation", "Reliability", "JVM");

        String provisioning = Files.readString(ROOT.resolve("dashboards/provisioning/datasources/prometheus.yaml"));
        String uid = YAML.readTree(provisioning).path("datasources").path(0).path("uid").asText();
        assertThat(uid).isNotBlank();
        List<String> exprs = exprs(dashboard);
        assertThat(exprs).isNotEmpty().allSatisfy(expr -> assertThat(expr).contains("instance=~\"$instance\""));
        for (JsonNode panel : dashboard.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
            }
        }
        JsonNode provider = YAML.readTree(ROOT.resolve("dashboards/provisioning/dashboards/paretune.yaml").toFile())
                .path("providers").path(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isNotBlank();
    }

    @Test
    void exampleCampaignIsAValidSpec() throws Exception {
        JsonNode spec = JSON.readTree(ROOT.resolve("examples/fashion-mnist-quick.json").toFile());

        CampaignSpecParser.Parsed parsed = new CampaignSpecParser(Set.of("random")).parse(spec);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.spec().dataset().trainLimit()).as("the demo trains on the full training split").isNull();
        assertThat(parsed.spec().objectives().get(0).metric()).isEqualTo("val_accuracy");
    }

    @Test
    void externalExampleCampaignIsAValidSpecAndTheReadmeShowsIt() throws Exception {
        String file = Files.readString(ROOT.resolve("examples/external-quadratic.json"));

        CampaignSpecParser.Parsed parsed = new CampaignSpecParser(Set.of("random")).parse(JSON.readTree(file));

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.spec().isExternal()).isTrue();
        assertThat(Files.readString(ROOT.resolve("README.md"))).as("the README's ask/tell example is the file")
                .contains("```json\n" + file + "```");
    }

    // --- helpers

    /** Every metric name a PromQL expression reads: identifiers that are not functions, labels or keywords. */
    static Set<String> metricNames(String expr) {
        String s = STRING_LITERAL.matcher(expr).replaceAll("\"\"");
        s = LABEL_MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = GRAFANA_VARIABLES.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            boolean isCall = m.group(2) != null;
            if (!isCall && !PROMQL_KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<String> exprs(JsonNode node) {
        List<String> exprs = new ArrayList<>();
        collectExprs(node, exprs);
        return exprs;
    }

    private static void collectExprs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectExprs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExprs(child, out));
        }
    }

    static Set<String> exportedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("system-tests/src/test/resources/exported-metrics.txt"))) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<String> volumes(JsonNode service) {
        List<String> volumes = new ArrayList<>();
        service.path("volumes").forEach(v -> volumes.add(v.isTextual() ? v.asText()
                : v.path("source").asText() + ":" + v.path("target").asText() + (v.path("read_only").asBoolean() ? ":ro" : "")));
        // docker-compose 1.29 normalizes to "source:target:rw|ro"; compare without the default ":rw".
        return volumes.stream().map(v -> v.endsWith(":rw") ? v.substring(0, v.length() - 3) : v).toList();
    }

    /** The normalized form: anchors, merges and variables resolved as docker-compose itself sees them. */
    /** The variables of {@value #ENV_EXAMPLE}. */
    private static Properties envExample() throws IOException {
        Properties example = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(ENV_EXAMPLE))) {
            example.load(in);
        }
        return example;
    }

    private static JsonNode normalizedCompose() throws IOException, InterruptedException {
        Result normalized = compose(ENV_EXAMPLE, "config");
        assertThat(normalized.exitCode()).as(normalized.output()).isZero();
        return YAML.readTree(normalized.output());
    }

    /**
     * docker-compose on docker-compose.yml with {@code envFile} (absolute, or relative to the root; null: an empty
     * one), and
     * none of the file's variables inherited, so that a developer's .env or shell cannot change the outcome.
     */
    private static Result compose(String envFile, String... args) throws IOException, InterruptedException {
        String dockerCompose = executable("docker-compose").orElseGet(() -> fail(
                "docker-compose is not on the PATH: install Debian's docker-compose (apt-get install -y docker-compose;"
                        + " .ci/run does) to validate docker-compose.yml without a Docker engine"));
        Path env = envFile != null ? ROOT.resolve(envFile) : Files.createTempFile("paretune-empty", ".env");
        try {
            List<String> command = new ArrayList<>(List.of(dockerCompose, "-f", ROOT.resolve("docker-compose.yml").toString(),
                    "--env-file", env.toString()));
            command.addAll(List.of(args));
            Map<String, String> unset = new TreeMap<>();
            envExample().stringPropertyNames().forEach(name -> unset.put(name, null));
            return run(unset, command.toArray(String[]::new));
        } finally {
            if (envFile == null) {
                Files.deleteIfExists(env);
            }
        }
    }

    private static boolean postgresAnswers() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Optional<String> executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        return run(Map.of(), command);
    }

    /** Runs {@code command} with {@code env} over the inherited environment (a null value removes a variable). */
    private static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath()
                    + ": run the tests from inside the Paretune checkout");
        }
        return dir;
    }
}

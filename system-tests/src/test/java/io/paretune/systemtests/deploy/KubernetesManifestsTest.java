package io.paretune.systemtests.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.local.ServiceAcls;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Kubernetes manifests (deploy/kubernetes), as {@code kubectl kustomize} renders each overlay: every document
 * parses into Fabric8's model classes with unknown fields refused, and what the manifests name exists where it must
 * (images, ports, probe paths, environment variables and config keys in the services; Kafka settings, topics and
 * ACLs in the local broker, the ACL table and docker-compose.yml). No cluster: nothing here is applied.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = DeploymentFilesTest.ROOT;
    private static final Path K8S = ROOT.resolve("deploy/kubernetes");
    private static final List<String> OVERLAYS = List.of("cpu", "gpu", "dev");
    private static final String NAMESPACE = "paretune";
    /** The Paretune services: module directory = container name = Deployment name = compose service. */
    private static final List<String> SERVICES = List.of("search-controller", "evaluator", "trainer-worker");
    private static final String WORKER = "trainer-worker";
    private static final String CONTROLLER = "search-controller";
    private static final String DATASET_IMAGE = "paretune/fashion-mnist:latest";
    private static final String DATASET_DOCKERFILE = "deploy/kubernetes/images/fashion-mnist/Dockerfile";

    /** Kinds the manifests may hold, and the model class each must parse into. */
    private static final Map<String, Class<? extends HasMetadata>> MODEL = Map.of(
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "rbac.authorization.k8s.io/v1/Role", Role.class,
            "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class);
    /** Operators' custom resources: no model classes here, so the fields relied on are checked one by one below. */
    private static final Set<String> CUSTOM = Set.of("kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io/v1/KafkaNodePool",
            "kafka.strimzi.io/v1/KafkaTopic", "kafka.strimzi.io/v1/KafkaUser", "postgresql.cnpg.io/v1/Cluster",
            "keda.sh/v1alpha1/ScaledObject");
    /**
     * Strimzi refuses these in {@code spec.kafka.config} (KafkaClusterSpec.FORBIDDEN_PREFIXES): it sets them itself.
     */
    private static final List<String> STRIMZI_FORBIDDEN = List.of("listeners", "advertised.", "broker.", "listener.",
            "host.name", "port", "inter.broker.listener.name", "sasl.", "ssl.", "security.", "password.", "log.dir",
            "authorizer.", "super.user", "node.id", "process.roles", "controller.", "metadata.log.dir");
    /** Variables the JVM itself reads, whatever the application. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /**
     * Jackson over the model classes with unknown fields refused. Fabric8's classes keep unknown fields in an
     * any-setter map ({@code additionalProperties}); with any-setters ignored, an unknown field fails the parse.
     */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return false;
                }
            })
            .build();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Each overlay, rendered once: its documents in order. */
    private static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws Exception {
        String kubectl = DeploymentFilesTest.executable("kubectl").orElseGet(() -> fail(
                "kubectl is not on the PATH: it renders the kustomize overlays (kubectl 1.27 or later, kustomize v5)"));
        for (String overlay : OVERLAYS) {
            RENDERED.put(overlay, render(kubectl, K8S.resolve("overlays").resolve(overlay)));
        }
    }

    // --- the model

    @Test
    void everyOverlayRendersIntoTheModelWithUnknownFieldsRefused() throws Exception {
        for (String overlay : OVERLAYS) {
            List<JsonNode> docs = RENDERED.get(overlay);
            assertThat(docs).as(overlay).isNotEmpty();
            Set<String> unknownKinds = new TreeSet<>();
            for (JsonNode doc : docs) {
                String kind = typeOf(doc);
                String where = overlay + ": " + kind + " " + doc.path("metadata").path("name").asText();
                assertThat(doc.path("metadata").path("namespace").asText()).as(where).isEqualTo(NAMESPACE);
                if (MODEL.containsKey(kind)) {
                    try {
                        STRICT.treeToValue(doc, MODEL.get(kind));
                    } catch (IOException e) {
                        fail(where + " does not parse into " + MODEL.get(kind).getSimpleName() + ": " + e.getMessage());
                    }
                } else if (!CUSTOM.contains(kind)) {
                    unknownKinds.add(kind);
                }
            }
            assertThat(unknownKinds).as(overlay + ": kinds neither in the model nor checked by hand").isEmpty();
            assertThat(names(overlay, "apps/v1/Deployment")).as(overlay).containsAll(SERVICES);
            for (String kind : CUSTOM) {
                assertThat(names(overlay, kind)).as(overlay + " " + kind).isNotEmpty();
            }
        }
    }

    /** The strict reading is what makes the check above worth anything: a misspelt field must fail it. */
    @Test
    void strictModelRefusesAMisspeltField() throws Exception {
        JsonNode deployment = one("dev", "apps/v1/Deployment", WORKER).deepCopy();
        STRICT.treeToValue(deployment, Deployment.class);
        ((ObjectNode) deployment.path("spec").path("template").path("spec")
                .path("containers").path(0)).put("imagePulPolicy", "Always");

        assertThatThrownBy(() -> STRICT.treeToValue(deployment, Deployment.class))
                .hasMessageContaining("imagePulPolicy");
    }

    // --- images, ports, probes

    @Test
    void servicesRunTheImagesThatParetuneImagesBuilds() throws Exception {
        JsonNode compose = composeServices();
        for (String overlay : OVERLAYS) {
            for (String service : SERVICES) {
                String composeService = service.equals(WORKER) && overlay.equals("gpu") ? "trainer-worker-gpu" : service;
                JsonNode built = compose.path(composeService);
                Container container = container(overlay, service);
                assertThat(container.getImage()).as(overlay + " " + service).isEqualTo(built.path("image").asText());
                assertThat(ROOT.resolve(service).resolve(built.path("build").path("dockerfile").asText()))
                        .as(composeService + "'s Dockerfile").isRegularFile();
                // Tag latest, which the cluster must not pull over what was loaded or pushed.
                assertThat(container.getImagePullPolicy()).as(overlay + " " + service).isEqualTo("IfNotPresent");
            }
            for (Deployment deployment : deployments(overlay)) {
                for (Container init : initContainers(deployment)) {
                    assertThat(init.getImage()).isEqualTo(DATASET_IMAGE);
                }
            }
            for (String image : images(overlay)) {
                if (!image.startsWith("paretune/")) {
                    assertThat(image).as(overlay + ": third-party images are pinned").contains(":")
                            .doesNotEndWith(":latest");
                }
            }
        }
        assertThat(Files.readString(ROOT.resolve(DATASET_DOCKERFILE))).contains("dataset-fashion-mnist");
        assertThat(Files.readString(ROOT.resolve("trainer-worker/src/main/docker/Dockerfile.cuda")))
                .as("the GPU image is the CUDA build").contains("FROM nvidia/cuda:");
    }

    @Test
    void portsProbesAndScrapingMatchTheServices() throws Exception {
        for (String overlay : OVERLAYS) {
            for (String service : SERVICES) {
                String where = overlay + " " + service;
                Container container = container(overlay, service);
                int port = Integer.parseInt(properties(service).getProperty("quarkus.http.port"));
                assertThat(container.getPorts()).as(where).singleElement().satisfies(p -> {
                    assertThat(p.getName()).isEqualTo("http");
                    assertThat(p.getContainerPort()).isEqualTo(port);
                });
                for (String dockerfile : dockerfiles(service)) {
                    assertThat(Files.readString(ROOT.resolve(service).resolve(dockerfile))).as(dockerfile)
                            .contains("EXPOSE " + port);
                }
                String pom = Files.readString(ROOT.resolve(service).resolve("pom.xml"));
                assertThat(pom).as(service + " serves /q/health").contains("<artifactId>quarkus-smallrye-health</artifactId>");
                assertThat(pom).as(service + " serves /q/metrics")
                        .contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>");
                assertHttpProbe(where + " liveness", container.getLivenessProbe(), "/q/health/live");
                assertHttpProbe(where + " readiness", container.getReadinessProbe(), "/q/health/ready");
                assertHttpProbe(where + " startup", container.getStartupProbe(), "/q/health/live");

                Map<String, String> annotations = deployment(overlay, service).getSpec().getTemplate().getMetadata()
                        .getAnnotations();
                assertThat(annotations).as(where).containsEntry("prometheus.io/scrape", "true")
                        .containsEntry("prometheus.io/path", "/q/metrics")
                        .containsEntry("prometheus.io/port", Integer.toString(port));

                Service svc = STRICT.treeToValue(one(overlay, "v1/Service", service), Service.class);
                assertThat(svc.getSpec().getSelector()).as(where)
                        .isEqualTo(deployment(overlay, service).getSpec().getSelector().getMatchLabels());
                assertThat(svc.getSpec().getPorts()).singleElement().satisfies(p -> {
                    assertThat(p.getPort()).isEqualTo(port);
                    assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
                });
            }
        }
    }

    // --- environment and configuration

    /**
     * Every variable a service's container gets, by name or from a ConfigMap, is one it reads: a configuration key
     * of the service (application.properties, commented keys included, and the artifact store's keys), a Kafka
     * client setting (kafka.* reaches every client), a variable its image or its properties name, or the JVM's.
     */
    @Test
    void servicesGetOnlyVariablesTheyRead() throws Exception {
        Set<String> kafkaSettings = new TreeSet<>();
        kafkaSettings.addAll(ProducerConfig.configNames());
        kafkaSettings.addAll(ConsumerConfig.configNames());
        kafkaSettings.addAll(AdminClientConfig.configNames());
        Set<String> kafkaVariables = kafkaSettings.stream().map(k -> envName("kafka." + k)).collect(Collectors.toSet());
        for (String overlay : OVERLAYS) {
            for (String service : SERVICES) {
                Set<String> read = new HashSet<>(kafkaVariables);
                configKeys(service).forEach(key -> read.add(envName(key)));
                read.addAll(JVM_VARIABLES);
                String image = String.join("\n", dockerfileTexts(service));
                String props = Files.readString(propertiesFile(service));

                Map<String, String> env = environment(overlay, container(overlay, service));
                Set<String> unread = new TreeSet<>();
                for (String name : env.keySet()) {
                    boolean named = Pattern.compile("\\b" + name + "\\b").matcher(image).find()
                            || props.contains("${" + name);
                    if (!read.contains(name) && !named) {
                        unread.add(name);
                    }
                }
                assertThat(unread).as(overlay + " " + service + ": variables it never reads").isEmpty();
            }
        }
    }

    @Test
    void servicesAreWiredToKafkaPostgresAndTheArtifactStore() throws Exception {
        JsonNode compose = composeServices();
        for (String overlay : OVERLAYS) {
            JsonNode kafka = one(overlay, "kafka.strimzi.io/v1/Kafka", null);
            JsonNode listener = kafka.path("spec").path("kafka").path("listeners").path(0);
            JsonNode db = one(overlay, "postgresql.cnpg.io/v1/Cluster", null);
            for (String service : SERVICES) {
                String where = overlay + " " + service;
                Container container = container(overlay, service);
                Map<String, String> env = environment(overlay, container);
                assertThat(env).as(where)
                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS",
                                kafka.path("metadata").path("name").asText() + "-kafka-bootstrap:" + listener.path("port").asInt())
                        .containsEntry("KAFKA_SECURITY_PROTOCOL", listener.path("tls").asBoolean() ? "SASL_SSL" : "SASL_PLAINTEXT")
                        .containsEntry("KAFKA_SASL_MECHANISM",
                                listener.path("authentication").path("type").asText().toUpperCase())
                        .containsEntry("PARETUNE_ARTIFACTS_STORE", "s3");
                assertThat(env.get("PARETUNE_ARTIFACTS_S3_BUCKET")).as(where).isNotBlank();

                // The login: the Secret the User Operator writes for the service's own user, as in compose.
                String composeLogin = compose.path(service).path("environment").path("KAFKA_SASL_JAAS_CONFIG").asText();
                Matcher user = Pattern.compile("username=\"([^\"]+)\"").matcher(composeLogin);
                assertThat(user.find()).as(service + " logs in to Kafka in compose").isTrue();
                EnvVar login = envVar(container, "KAFKA_SASL_JAAS_CONFIG");
                assertThat(login.getValueFrom().getSecretKeyRef().getName()).as(where).isEqualTo(user.group(1));
                assertThat(login.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
                assertThat(names(overlay, "kafka.strimzi.io/v1/KafkaUser")).contains(user.group(1));

                for (String key : List.of("ACCESS_KEY", "SECRET_KEY")) {
                    assertThat(envVar(container, "PARETUNE_ARTIFACTS_S3_" + key).getValueFrom().getSecretKeyRef().getName())
                            .as(where).isEqualTo("paretune-s3");
                }
                // Staging on a volume of its own, sized for the largest artifact.
                assertThat(mountPaths(container)).as(where).contains(env.get("PARETUNE_ARTIFACTS_S3_STAGING_DIR"));
                if (!service.equals(CONTROLLER)) {
                    assertThat(mountPaths(container)).as(where + " reads the data set where it looks for it")
                            .contains(env.get("PARETUNE_DATASET_DIR"));
                    assertThat(initContainers(deployment(overlay, service))).as(where).singleElement()
                            .satisfies(init -> assertThat(init.getCommand().toString())
                                    .contains("/usr/share/datasets/fashion-mnist/"));
                }
            }

            Container controller = container(overlay, CONTROLLER);
            Map<String, String> env = environment(overlay, controller);
            String dbName = db.path("metadata").path("name").asText();
            JsonNode initdb = db.path("spec").path("bootstrap").path("initdb");
            assertThat(env).as(overlay)
                    .containsEntry("PARETUNE_DB_URL", "jdbc:postgresql://" + dbName + "-rw:5432/" + initdb.path("database").asText())
                    .containsEntry("QUARKUS_PROFILE", "pg")
                    .containsEntry("PARETUNE_AUTH_ENABLED", "true");
            assertThat(Files.readString(ROOT.resolve("search-controller/src/main/docker/Dockerfile.jvm")))
                    .as("the image is built for the profile it runs").contains("QUARKUS_PROFILE=pg");
            for (String var : List.of("PARETUNE_DB_USER", "PARETUNE_DB_PASSWORD")) {
                assertThat(envVar(controller, var).getValueFrom().getSecretKeyRef().getName()).isEqualTo(dbName + "-app");
            }
            assertThat(initdb.path("owner").asText()).isEqualTo("paretune");
            String keysFile = env.get("PARETUNE_AUTH_API_KEYS_FILE");
            assertThat(keysFile).as(overlay + ": the controller's API keys").isNotBlank();
            VolumeMount keys = controller.getVolumeMounts().stream()
                    .filter(m -> keysFile.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseGet(() -> fail(overlay + ": no volume holds " + keysFile));
            assertThat(keys.getReadOnly()).isTrue();
            assertThat(deployment(overlay, CONTROLLER).getSpec().getTemplate().getSpec().getVolumes())
                    .filteredOn(v -> v.getName().equals(keys.getName())).singleElement()
                    .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("paretune-api-keys"));
        }
    }

    /** The controller refuses spaces a worker could not train: both read one figure, and a worker's pod holds it. */
    @Test
    void workersAndControllerShareTheMemoryBudgetAndWorkersRunWithTheirLaunchDefaults() throws Exception {
        Properties launch = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("trainer-worker/src/main/resources/io/paretune/worker/launch.properties"))) {
            launch.load(in);
        }
        for (String overlay : OVERLAYS) {
            EnvVar budget = envVar(container(overlay, WORKER), "PARETUNE_WORKER_MEMORY_BUDGET_MB");
            EnvVar controllerBudget = envVar(container(overlay, CONTROLLER), "PARETUNE_CONTROLLER_WORKER_MEMORY_BUDGET_MB");
            assertThat(controllerBudget.getValueFrom()).as(overlay + ": from the workers' ConfigMap").isNotNull();
            assertThat(budget.getValueFrom()).as(overlay + ": from the workers' ConfigMap").isNotNull();
            assertThat(controllerBudget.getValueFrom().getConfigMapKeyRef())
                    .isEqualTo(budget.getValueFrom().getConfigMapKeyRef());
            int budgetMb = Integer.parseInt(environment(overlay, container(overlay, WORKER)).get("PARETUNE_WORKER_MEMORY_BUDGET_MB"));
            Quantity limit = container(overlay, WORKER).getResources().getLimits().get("memory");
            assertThat(Quantity.getAmountInBytes(limit).longValue()).as(overlay)
                    .isGreaterThan(bytes(launch.getProperty("jvm-options"), "-Dorg.bytedeco.javacpp.maxphysicalbytes="))
                    .isGreaterThan(budgetMb * 1024L * 1024L);
            if (!overlay.equals("gpu")) {
                assertThat(environment(overlay, container(overlay, WORKER)))
                        .containsEntry("OMP_NUM_THREADS", launch.getProperty("omp-num-threads"));
                assertThat(Files.readString(ROOT.resolve("trainer-worker/src/main/docker/Dockerfile.jvm")))
                        .as("the image carries the launch defaults' JVM options")
                        .contains("JAVA_OPTS=\"" + launch.getProperty("jvm-options") + "\"");
            }
        }
    }

    /**
     * A worker stopped mid-trial releases its job (as it does today outside a cluster): the grace period must
     * cover the trial's stop and the release's send, one disruption at a time.
     */
    @Test
    void workersShutDownGracefullyOneAtATime() throws Exception {
        String consumer = Files.readString(ROOT.resolve(
                "trainer-worker/src/main/java/io/paretune/worker/messaging/TrialJobConsumer.java"));
        Matcher stopWait = Pattern.compile("STOP_WAIT = Duration\\.ofSeconds\\((\\d+)\\)").matcher(consumer);
        assertThat(stopWait.find()).as("TrialJobConsumer.STOP_WAIT").isTrue();
        long sendTimeoutSeconds = Long.parseLong(properties(WORKER).getProperty("paretune.worker.send-timeout-ms")) / 1000;
        for (String overlay : OVERLAYS) {
            Deployment worker = deployment(overlay, WORKER);
            assertThat(worker.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).as(overlay)
                    .isGreaterThan(Long.parseLong(stopWait.group(1)) + sendTimeoutSeconds);
            assertThat(worker.getSpec().getReplicas()).as(overlay + ": KEDA owns the worker count").isNull();

            PodDisruptionBudget pdb = STRICT.treeToValue(one(overlay, "policy/v1/PodDisruptionBudget", WORKER),
                    PodDisruptionBudget.class);
            assertThat(pdb.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(worker.getSpec().getSelector().getMatchLabels());
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        }
    }

    @Test
    void everyPodRunsAsNonRootWithoutPrivilegesAndWithResources() throws Exception {
        for (String overlay : OVERLAYS) {
            List<PodSpec> pods = new ArrayList<>();
            deployments(overlay).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
            for (JsonNode doc : docs(overlay, "batch/v1/Job")) {
                pods.add(STRICT.treeToValue(doc, Job.class).getSpec().getTemplate().getSpec());
            }
            for (PodSpec pod : pods) {
                String where = overlay + " " + pod.getContainers().get(0).getName();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser()).as(where).isNotNull().isNotZero();
                assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(where).isEqualTo("RuntimeDefault");
                List<Container> containers = new ArrayList<>(pod.getContainers());
                containers.addAll(pod.getInitContainers());
                for (Container c : containers) {
                    String what = where + "/" + c.getName();
                    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(what).isFalse();
                    assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(what).containsExactly("ALL");
                    assertThat(c.getSecurityContext().getPrivileged()).as(what).isNotEqualTo(Boolean.TRUE);
                    assertThat(c.getResources().getRequests()).as(what).containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits()).as(what).containsKey("memory");
                    assertThat(Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")))
                            .as(what).isGreaterThanOrEqualTo(Quantity.getAmountInBytes(c.getResources().getRequests().get("memory")));
                }
                if (!pod.getContainers().get(0).getName().equals("prometheus")) {
                    assertThat(pod.getAutomountServiceAccountToken()).as(where + " calls no Kubernetes API").isFalse();
                }
            }
            assertThat(container(overlay, CONTROLLER).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        }
    }

    // --- worker autoscaling

    /**
     * KEDA's Kafka scaler cannot see a share group's queue: workers scale from zero on the controller's own gauge
     * of waiting jobs (plus busy workers, so that training pods are kept), read from the Prometheus that scrapes it.
     */
    @Test
    void kedaScalesWorkersFromZeroOnWaitingJobs() throws Exception {
        String metrics = Files.readString(ROOT.resolve(
                "search-controller/src/main/java/io/paretune/controller/metrics/ControllerMetrics.java"));
        Matcher queueDepth = Pattern.compile("QUEUE_DEPTH = \"([^\"]+)\"").matcher(metrics);
        assertThat(queueDepth.find()).as("ControllerMetrics.QUEUE_DEPTH").isTrue();
        String waiting = queueDepth.group(1).replace('.', '_');
        Set<String> exported = DeploymentFilesTest.exportedMetrics();
        for (String overlay : OVERLAYS) {
            JsonNode scaled = one(overlay, "keda.sh/v1alpha1/ScaledObject", WORKER).path("spec");
            assertThat(scaled.path("scaleTargetRef").path("name").asText()).isEqualTo(WORKER);
            assertThat(scaled.path("scaleTargetRef").path("kind").asText("Deployment")).isEqualTo("Deployment");
            assertThat(scaled.path("minReplicaCount").asInt(-1)).as(overlay).isZero();
            assertThat(scaled.path("maxReplicaCount").asInt()).as(overlay).isPositive();
            JsonNode trigger = scaled.path("triggers").path(0);
            assertThat(scaled.path("triggers").size()).isEqualTo(1);
            assertThat(trigger.path("type").asText()).isEqualTo("prometheus");
            String query = trigger.path("metadata").path("query").asText();
            assertThat(DeploymentFilesTest.metricNames(query)).as(query).contains(waiting, "paretune_worker_busy")
                    .allSatisfy(name -> assertThat(exported).as("exported-metrics.txt").contains(name));
            assertThat(trigger.path("metadata").path("threshold").asText()).isEqualTo("1");

            Service prometheus = STRICT.treeToValue(one(overlay, "v1/Service", "paretune-prometheus"), Service.class);
            assertThat(trigger.path("metadata").path("serverAddress").asText())
                    .isEqualTo("http://" + prometheus.getMetadata().getName() + ":" + prometheus.getSpec().getPorts().get(0).getPort());
            String config = configMapData(overlay, "paretune-prometheus-config").get("prometheus.yml");
            assertThat(config).contains("__meta_kubernetes_pod_annotation_prometheus_io_scrape",
                    "__meta_kubernetes_pod_annotation_prometheus_io_path", "__meta_kubernetes_pod_annotation_prometheus_io_port");
            Role role = STRICT.treeToValue(one(overlay, "rbac.authorization.k8s.io/v1/Role", "paretune-prometheus"), Role.class);
            assertThat(role.getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getResources()).containsExactly("pods");
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            });
        }
    }

    /**
     * Debian's promtool is built without Kubernetes discovery, so it checks the rest (relabelling rules included)
     * with the discovery swapped for a static target.
     */
    @Test
    void prometheusConfigIsValidForPromtool(@TempDir Path dir) throws Exception {
        Optional<String> promtool = DeploymentFilesTest.executable("promtool");
        Assumptions.assumeTrue(promtool.isPresent(), "promtool is not installed (Debian package prometheus)");
        JsonNode config = YAML.readTree(K8S.resolve("base/monitoring/prometheus.yml").toFile());
        assertThat(config.path("scrape_configs")).isNotEmpty();
        for (JsonNode job : config.path("scrape_configs")) {
            assertThat(job.path("kubernetes_sd_configs").path(0).path("role").asText()).isEqualTo("pod");
            ObjectNode scrape = (ObjectNode) job;
            scrape.remove("kubernetes_sd_configs");
            scrape.putArray("static_configs").addObject().putArray("targets").add("127.0.0.1:8080");
        }
        Path checked = dir.resolve("prometheus.yml");
        YAML.writeValue(checked.toFile(), config);

        Process check = new ProcessBuilder(promtool.get(), "check", "config", checked.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
    }

    @Test
    void grafanaDashboardConfigMapIsTheDashboard() throws Exception {
        String dashboard = Files.readString(ROOT.resolve("dashboards/paretune.json"));
        for (String overlay : OVERLAYS) {
            JsonNode map = one(overlay, "v1/ConfigMap", "paretune-grafana-dashboard");
            assertThat(map.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
            assertThat(map.path("data").path("paretune.json").asText()).as(overlay + ": the dashboard, unchanged")
                    .isEqualTo(dashboard);
        }
    }

    // --- Kafka

    @Test
    void kafkaRunsInKraftModeWithTheShareGroupSettingsOfComposeAndTheLocalBroker() throws Exception {
        JsonNode composeKafka = composeServices().path("kafka").path("environment");
        Map<String, String> composeShare = new TreeMap<>();
        composeKafka.properties().forEach(e -> {
            if (e.getKey().startsWith("KAFKA_GROUP_SHARE_")) {
                composeShare.put(e.getKey().substring("KAFKA_".length()).toLowerCase().replace('_', '.'), e.getValue().asText());
            }
        });
        assertThat(composeShare).containsKey("group.share.max.record.lock.duration.ms");
        Map<String, String> local = localKafkaSettings();
        String kafkaVersion = rootPomProperty("kafka.version");
        long workerLock = Long.parseLong(properties(WORKER).getProperty("paretune.worker.record-lock-duration-ms"));

        for (String overlay : OVERLAYS) {
            JsonNode kafka = one(overlay, "kafka.strimzi.io/v1/Kafka", null);
            String cluster = kafka.path("metadata").path("name").asText();
            JsonNode spec = kafka.path("spec").path("kafka");
            assertThat(spec.path("version").asText()).as("the clients' version").isEqualTo(kafkaVersion);
            assertThat(spec.path("metadataVersion").asText()).as("share groups need metadata 4.2 or later")
                    .startsWith(kafkaVersion.substring(0, kafkaVersion.lastIndexOf('.')) + "-");
            assertThat(kafka.path("spec").has("zookeeper")).isFalse();
            assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");
            assertThat(spec.path("listeners").size()).isEqualTo(1);
            assertThat(spec.path("listeners").path(0).path("type").asText()).isEqualTo("internal");
            assertThat(kafka.path("spec").path("entityOperator").has("topicOperator")).isTrue();
            assertThat(kafka.path("spec").path("entityOperator").has("userOperator")).isTrue();

            Map<String, String> config = new TreeMap<>();
            spec.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
            assertThat(config.keySet()).as(overlay + ": keys Strimzi sets itself")
                    .noneMatch(key -> STRIMZI_FORBIDDEN.stream().anyMatch(key::startsWith));
            composeShare.forEach((key, value) -> {
                assertThat(config).as(overlay + ": as compose").containsEntry(key, value);
                if (local.containsKey(key)) {
                    assertThat(local).as("LocalKafka").containsEntry(key, value);
                }
            });
            assertThat(config.keySet().stream().filter(k -> k.startsWith("group.share."))).as(overlay)
                    .allMatch(composeShare::containsKey);
            assertThat(workerLock).as("the workers' record lock fits the broker's ceiling")
                    .isBetween(15_000L, Long.parseLong(config.get("group.share.max.record.lock.duration.ms")));
            assertThat(config).containsEntry("num.partitions", "1");

            List<JsonNode> pools = docs(overlay, "kafka.strimzi.io/v1/KafkaNodePool");
            int brokers = 0;
            boolean controllers = false;
            for (JsonNode pool : pools) {
                assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
                String roles = pool.path("spec").path("roles").toString();
                controllers |= roles.contains("\"controller\"");
                if (roles.contains("\"broker\"")) {
                    brokers += pool.path("spec").path("replicas").asInt();
                }
            }
            assertThat(controllers).as(overlay + ": KRaft controllers in a node pool").isTrue();
            for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
                    "transaction.state.log.replication.factor", "share.coordinator.state.topic.replication.factor")) {
                assertThat(Integer.parseInt(config.get(key))).as(overlay + " " + key).isBetween(1, brokers);
            }
            assertThat(Integer.parseInt(config.get("min.insync.replicas")))
                    .isLessThanOrEqualTo(Integer.parseInt(config.get("default.replication.factor")));
            assertThat(Integer.parseInt(config.get("share.coordinator.state.topic.min.isr")))
                    .isLessThanOrEqualTo(Integer.parseInt(config.get("share.coordinator.state.topic.replication.factor")));

            Map<String, JsonNode> topics = new TreeMap<>();
            docs(overlay, "kafka.strimzi.io/v1/KafkaTopic").forEach(t -> topics.put(t.path("metadata").path("name").asText(), t));
            assertThat(topics.keySet()).as(overlay).containsExactlyInAnyOrderElementsOf(Topics.ALL);
            int brokerCount = brokers;
            topics.forEach((name, topic) -> {
                assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
                // One partition, as TopicCreator makes them when a service starts first.
                assertThat(topic.path("spec").path("partitions").asInt()).as(name).isEqualTo(1);
                assertThat(topic.path("spec").path("replicas").asInt()).as(name).isBetween(1, brokerCount);
                String cleanup = topic.path("spec").path("config").path("cleanup.policy").asText("delete");
                assertThat(cleanup).as(name).isEqualTo(name.equals(Topics.CAMPAIGN_CONTROL) ? "compact" : "delete");
            });
        }
    }

    /** The KafkaUsers grant exactly the ACL table LocalKafka and the compose stack apply, to SCRAM users. */
    @Test
    void kafkaUsersGrantExactlyTheAclTable() throws Exception {
        Set<String> table = new TreeSet<>();
        for (AclBinding acl : ServiceAcls.load()) {
            table.add(acl.entry().principal() + " " + acl.pattern().resourceType().name().toLowerCase() + " "
                    + acl.pattern().name() + " " + acl.pattern().patternType().name().toLowerCase() + " "
                    + acl.entry().operation().name().toLowerCase() + " " + acl.entry().host()
                    + " " + acl.entry().permissionType().name().toLowerCase());
        }
        assertThat(table).hasSizeGreaterThan(20);
        for (String overlay : OVERLAYS) {
            String cluster = one(overlay, "kafka.strimzi.io/v1/Kafka", null).path("metadata").path("name").asText();
            Set<String> granted = new TreeSet<>();
            for (JsonNode user : docs(overlay, "kafka.strimzi.io/v1/KafkaUser")) {
                String name = user.path("metadata").path("name").asText();
                assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
                assertThat(user.path("spec").path("authentication").path("type").asText()).as(name).isEqualTo("scram-sha-512");
                JsonNode authorization = user.path("spec").path("authorization");
                assertThat(authorization.path("type").asText()).as(name).isEqualTo("simple");
                for (JsonNode rule : authorization.path("acls")) {
                    JsonNode resource = rule.path("resource");
                    assertThat(rule.has("operation")).as(name + ": v1 takes operations only").isFalse();
                    for (JsonNode op : rule.path("operations")) {
                        granted.add("User:" + name + " " + resource.path("type").asText() + " " + resource.path("name").asText()
                                + " " + resource.path("patternType").asText("literal") + " "
                                + op.asText().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase() + " "
                                + rule.path("host").asText("*") + " " + rule.path("type").asText("allow"));
                    }
                }
            }
            assertThat(granted).as(overlay).isEqualTo(table);
        }
    }

    // --- overlays

    @Test
    void onlyTheGpuOverlayRequestsGpus() throws Exception {
        for (String overlay : OVERLAYS) {
            Container worker = container(overlay, WORKER);
            Quantity gpus = worker.getResources().getLimits().get("nvidia.com/gpu");
            if (overlay.equals("gpu")) {
                assertThat(gpus).isEqualTo(new Quantity("1"));
                assertThat(worker.getResources().getRequests().get("nvidia.com/gpu")).isEqualTo(gpus);
                assertThat(environment(overlay, worker)).as("a CPU-backend setting").doesNotContainKey("OMP_NUM_THREADS");
            } else {
                assertThat(gpus).as(overlay).isNull();
            }
            for (String service : List.of(CONTROLLER, "evaluator")) {
                assertThat(container(overlay, service).getResources().getLimits()).as(overlay + " " + service)
                        .doesNotContainKey("nvidia.com/gpu");
            }
        }
    }

    @Test
    void devRunsMinioForTheArtifactsAndTheClusterOverlaysLeaveTheStoreToTheOperator() throws Exception {
        Map<String, String> dev = environment("dev", container("dev", WORKER));
        Service minio = STRICT.treeToValue(one("dev", "v1/Service", "minio"), Service.class);
        assertThat(dev).containsEntry("PARETUNE_ARTIFACTS_S3_ENDPOINT",
                        "http://" + minio.getMetadata().getName() + ":" + minio.getSpec().getPorts().get(0).getPort())
                .containsEntry("PARETUNE_ARTIFACTS_S3_PATH_STYLE", "true");
        Container bucket = STRICT.treeToValue(one("dev", "batch/v1/Job", "minio-bucket"), Job.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(bucket.getCommand().toString()).contains("mc mb", "$PARETUNE_ARTIFACTS_S3_BUCKET");
        assertThat(environment("dev", bucket)).containsEntry("PARETUNE_ARTIFACTS_S3_BUCKET", dev.get("PARETUNE_ARTIFACTS_S3_BUCKET"));
        for (String overlay : List.of("cpu", "gpu")) {
            assertThat(names(overlay, "apps/v1/Deployment")).as(overlay).doesNotContain("minio");
            assertThat(environment(overlay, container(overlay, WORKER))).as(overlay).doesNotContainKey("PARETUNE_ARTIFACTS_S3_ENDPOINT");
        }
        assertThat(names("dev", "kafka.strimzi.io/v1/KafkaNodePool")).hasSize(1);
        assertThat(one("dev", "kafka.strimzi.io/v1/KafkaNodePool", null).path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    // --- helpers

    private static void assertHttpProbe(String what, Probe probe, String path) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(what).isEqualTo("http");
    }

    /** apiVersion/kind. */
    private static String typeOf(JsonNode doc) {
        return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    }

    private static List<JsonNode> docs(String overlay, String kind) {
        return RENDERED.get(overlay).stream().filter(d -> typeOf(d).equals(kind)).toList();
    }

    private static List<String> names(String overlay, String kind) {
        return docs(overlay, kind).stream().map(d -> d.path("metadata").path("name").asText()).toList();
    }

    /** The one document of {@code kind} named {@code name} (null: the only one of its kind). */
    private static JsonNode one(String overlay, String kind, String name) {
        List<JsonNode> found = docs(overlay, kind).stream()
                .filter(d -> name == null || d.path("metadata").path("name").asText().equals(name)).toList();
        assertThat(found).as(overlay + ": " + kind + " " + (name == null ? "" : name)).hasSize(1);
        return found.get(0);
    }

    private static List<Deployment> deployments(String overlay) throws IOException {
        List<Deployment> deployments = new ArrayList<>();
        for (JsonNode doc : docs(overlay, "apps/v1/Deployment")) {
            deployments.add(STRICT.treeToValue(doc, Deployment.class));
        }
        return deployments;
    }

    private static Deployment deployment(String overlay, String name) throws IOException {
        return STRICT.treeToValue(one(overlay, "apps/v1/Deployment", name), Deployment.class);
    }

    private static Container container(String overlay, String service) throws IOException {
        List<Container> containers = deployment(overlay, service).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(overlay + " " + service).singleElement()
                .satisfies(c -> assertThat(c.getName()).isEqualTo(service));
        return containers.get(0);
    }

    private static List<Container> initContainers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getInitContainers();
    }

    private static Set<String> images(String overlay) throws IOException {
        Set<String> images = new TreeSet<>();
        List<PodSpec> pods = new ArrayList<>();
        deployments(overlay).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        for (JsonNode doc : docs(overlay, "batch/v1/Job")) {
            pods.add(STRICT.treeToValue(doc, Job.class).getSpec().getTemplate().getSpec());
        }
        pods.forEach(p -> {
            p.getContainers().forEach(c -> images.add(c.getImage()));
            p.getInitContainers().forEach(c -> images.add(c.getImage()));
        });
        return images;
    }

    private static Set<String> mountPaths(Container container) {
        return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).collect(Collectors.toSet());
    }

    private static EnvVar envVar(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseGet(() -> fail(container.getName() + " has no " + name));
    }

    private static Map<String, String> configMapData(String overlay, String generatedName) throws IOException {
        List<JsonNode> maps = docs(overlay, "v1/ConfigMap").stream()
                .filter(d -> d.path("metadata").path("name").asText().matches(Pattern.quote(generatedName) + "(-[a-z0-9]{10})?"))
                .toList();
        assertThat(maps).as(overlay + ": ConfigMap " + generatedName).hasSize(1);
        Map<String, String> data = STRICT.treeToValue(maps.get(0), ConfigMap.class).getData();
        return data == null ? Map.of() : data;
    }

    /**
     * A container's variables as it will see them: those of its ConfigMaps (envFrom), then its own; a value from a
     * ConfigMap key is resolved, one from a Secret or the pod stays a placeholder.
     */
    private static Map<String, String> environment(String overlay, Container container) throws IOException {
        Map<String, String> env = new TreeMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            assertThat(from.getConfigMapRef()).as(container.getName() + ": envFrom ConfigMaps only").isNotNull();
            String name = from.getConfigMapRef().getName();
            JsonNode map = one(overlay, "v1/ConfigMap", name);
            env.putAll(STRICT.treeToValue(map, ConfigMap.class).getData());
        }
        for (EnvVar var : container.getEnv()) {
            String value = var.getValue();
            if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                value = STRICT.treeToValue(one(overlay, "v1/ConfigMap", ref.getName()), ConfigMap.class).getData().get(ref.getKey());
                assertThat(value).as(container.getName() + " " + var.getName()).isNotNull();
            } else if (var.getValueFrom() != null) {
                value = "<" + var.getValueFrom() + ">";
            }
            env.put(var.getName(), value);
        }
        return env;
    }

    /** SmallRye's environment form of a configuration key. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static final Pattern PROPERTY_KEY = Pattern.compile("^#?\\s*(?:%[\\w-]+\\.)?([a-z][\\w.\\-\"]*)\\s*=");
    private static final Pattern CONFIG_METHOD = Pattern.compile("^\\s+(?:Optional<\\w+>|\\w+)\\s+(\\w+)\\(\\);");

    /**
     * The configuration keys a service reads: those its application.properties sets or documents (commented), and
     * the artifact store's keys (shared/artifacts ArtifactStoreConfig, read by every service under paretune.artifacts).
     */
    private static Set<String> configKeys(String service) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(propertiesFile(service))) {
            Matcher m = PROPERTY_KEY.matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        String prefix = "paretune.artifacts.";
        for (String line : Files.readAllLines(ROOT.resolve("shared/artifacts/src/main/java/io/paretune/artifacts/ArtifactStoreConfig.java"))) {
            if (line.contains("interface S3")) {
                prefix = "paretune.artifacts.s3.";
            }
            Matcher m = CONFIG_METHOD.matcher(line);
            if (m.find() && !m.group(1).equals("s3")) {
                keys.add(prefix + m.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
            }
        }
        assertThat(keys).contains("paretune.artifacts.s3.path-style", "paretune.artifacts.s3.staging-dir");
        return keys;
    }

    private static Path propertiesFile(String service) {
        return ROOT.resolve(service).resolve("src/main/resources/application.properties");
    }

    private static Properties properties(String service) throws IOException {
        Properties props = new Properties();
        try (var in = Files.newInputStream(propertiesFile(service))) {
            props.load(in);
        }
        return props;
    }

    /** The Dockerfiles compose builds the service's images from. */
    private static List<String> dockerfiles(String service) throws IOException {
        List<String> files = new ArrayList<>();
        composeServices().properties().forEach(e -> {
            JsonNode build = e.getValue().path("build");
            if (build.path("context").asText().equals("./" + service)) {
                files.add(build.path("dockerfile").asText());
            }
        });
        assertThat(files).as(service + "'s images in docker-compose.yml").isNotEmpty();
        return files;
    }

    private static List<String> dockerfileTexts(String service) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String file : dockerfiles(service)) {
            texts.add(Files.readString(ROOT.resolve(service).resolve(file)));
        }
        return texts;
    }

    /** docker-compose.yml as written (anchors merged by the YAML parser; variables left as they are). */
    private static JsonNode composeServices() throws IOException {
        return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services");
    }

    /** The broker settings LocalKafka starts with, as its source sets them. */
    private static Map<String, String> localKafkaSettings() throws IOException {
        String source = Files.readString(ROOT.resolve("local-kafka/src/main/java/io/paretune/kafka/local/LocalKafka.java"));
        Map<String, String> settings = new TreeMap<>();
        Matcher m = Pattern.compile("props\\.put\\(\"([a-z.]+)\", \"([^\"]*)\"\\)").matcher(source);
        while (m.find()) {
            settings.put(m.group(1), m.group(2));
        }
        assertThat(settings).containsKey("group.share.max.record.lock.duration.ms");
        return settings;
    }

    private static String rootPomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1);
    }

    /** The byte count of a JVM-style size ({@code 1500m}, {@code 1g}) following {@code option} in {@code options}. */
    private static long bytes(String options, String option) {
        Matcher m = Pattern.compile(Pattern.quote(option) + "(\\d+)([kKmMgG]?)").matcher(options);
        assertThat(m.find()).as(option + " in " + options).isTrue();
        long scale = switch (m.group(2).toLowerCase()) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(m.group(1)) * scale;
    }

    private static List<JsonNode> render(String kubectl, Path overlay) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl, "kustomize", overlay.toString()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kubectl kustomize " + overlay + " did not finish within 60 s");
        }
        assertThat(process.exitValue()).as("kubectl kustomize %s:%n%s", overlay, err).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(out)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}

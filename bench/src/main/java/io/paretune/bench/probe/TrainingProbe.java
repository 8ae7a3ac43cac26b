package io.paretune.bench.probe;

import io.paretune.bench.BenchOutput;
import io.paretune.bench.InferenceTiming;
import io.paretune.bench.MachineFacts;
import io.paretune.bench.Stats;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Measures where Deeplearning4j spends time and memory on the reference models, one setting at a time.
 * Each variant names a set of settings; every round trains a fresh network of each variant over the same fixed
 * slice of Fashion-MNIST (warm-up batches, then timed batches) and the order of variants rotates between rounds,
 * so that load from other processes falls on all of them alike. Prints one JSON object on stdout.
 *
 * <p>Variant syntax: {@code name:key=value,key=value}. Keys: {@code engine} (layers | samediff), {@code ws}
 * (training/inference workspace mode: ENABLED | NONE), {@code cache} (CacheMode: NONE | DEVICE | HOST),
 * {@code format} (NCHW | NHWC), {@code input} (flat: [n,784] with convolutionalFlat | 4d: image tensors),
 * {@code batch} (minibatch size), {@code threads} (Nd4j.getEnvironment().setMaxThreads/MasterThreads at run time),
 * {@code gc} (ND4J periodic System.gc window in ms), {@code helpers} (true: enable DL4J's oneDNN layer helpers, which M2.1 disables by default through the system
 * property {@code org.eclipse.deeplearning4j.helpers.disable}).
 *
 * <pre>
 * OMP_NUM_THREADS=2 ./paretune bench probe \
 *     --model cnn --warmup 5 --batches 40 --rounds 3 --latency 300 \
 *     --variant base: --variant nhwc:format=NHWC --variant sd:engine=samediff
 * </pre>
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Where DL4J spends time and memory on the reference models, one setting at a time (one JSON object).")
public final class TrainingProbe implements Callable<Integer> {

    private static final long SEED = 42L;
    private static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    record Variant(String name, Map<String, String> settings) {
        String get(String key, String fallback) {
            return settings.getOrDefault(key, fallback);
        }

        static Variant parse(String spec) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            Map<String, String> settings = new LinkedHashMap<>();
            if (colon >= 0 && colon < spec.length() - 1) {
                for (String kv : spec.substring(colon + 1).split(",")) {
                    String[] p = kv.split("=", 2);
                    settings.put(p[0].trim(), p.length > 1 ? p[1].trim() : "true");
                }
            }
            return new Variant(name, settings);
        }
    }

    /** One trained network of either engine. */
    interface Trainable {
        void fit(ExistingDataSetIterator batches);

        INDArray output(INDArray features);

        long params();
    }

    @Option(names = "--model", paramLabel = "cnn|mlp", defaultValue = "cnn", description = "the reference model (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5", description = "untimed minibatches per round (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "40", description = "timed minibatches per round (default ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "rounds, the order of variants rotating (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--latency", paramLabel = "REPS", defaultValue = "0", description = "batch-1 inferences timed in the last round (0: none)")
    int latencyReps;

    @Option(names = "--eval", paramLabel = "IMAGES", defaultValue = "0", description = "images of an evaluation pass timed in the last round (0: none)")
    int evalImages;

    @Option(names = "--op-profile", description = "print ND4J's op profile of the last round")
    boolean opProfile;

    @Option(names = "--variant", paramLabel = "NAME:K=V,...", description = "a variant to measure (default: base)")
    List<String> variantSpecs = new ArrayList<>();

    @Mixin
    BenchOutput output;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        if (!model.equals("cnn") && !model.equals("mlp")) {
            throw new IllegalArgumentException("--model must be cnn or mlp, got " + model);
        }
        List<Variant> variants = new ArrayList<>(variantSpecs.stream().map(Variant::parse).toList());
        if (variants.isEmpty()) {
            variants.add(Variant.parse("base"));
        }
        List<String> args = output.arguments();

        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
        int maxBatch = variants.stream().mapToInt(v -> Integer.parseInt(v.get("batch", "128"))).max().orElse(128);
        int images = Math.min(data.trainCount(), maxBatch * (warmup + batches));
        DataSet train = ImageBatches.of(data.trainImages(), data::trainLabel, ImageBatches.range(images));
        DataSet test = ImageBatches.test(data);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("probe", "training-probe");
        out.put("model", model);
        out.put("machine", machine());
        out.put("args", String.join(" ", args));
        out.put("warmup_batches", warmup);
        out.put("timed_batches", batches);

        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, Map<String, Object>> details = new LinkedHashMap<>();
        for (Variant v : variants) {
            rates.put(v.name(), new ArrayList<>());
            cpu.put(v.name(), new ArrayList<>());
            details.put(v.name(), new LinkedHashMap<>(Map.of("settings", v.settings())));
        }
        List<String> loads = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            loads.add(MachineFacts.loadAverage());
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get((k + round) % variants.size());
                int batch = Integer.parseInt(v.get("batch", "128"));
                Trainable net = build(model, v);
                List<DataSet> list = batches(train, v, model, batch, warmup + batches);
                net.fit(new ExistingDataSetIterator(list.subList(0, warmup)));
                boolean profileNow = opProfile && round == rounds - 1;
                if (profileNow) {
                    Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
                    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.ALL);
                    OpProfiler.getInstance().reset();
                }
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                net.fit(new ExistingDataSetIterator(list.subList(warmup, warmup + batches)));
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuMsPerBatch = (processCpuNanos() - cpuStart) / 1e6 / batches;
                if (profileNow) {
                    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
                    System.err.println("==== op profile of " + v.name());
                    OpProfiler.getInstance().printOutDashboard();
                }
                double rate = (double) batch * batches / seconds;
                rates.get(v.name()).add(rate);
                System.err.printf("round %d %-12s %8.1f samples/s %8.1f cpu ms/batch (load %s)%n", round + 1, v.name(),
                        rate, cpuMsPerBatch, MachineFacts.loadAverage());
                Map<String, Object> d = details.get(v.name());
                cpu.get(v.name()).add(cpuMsPerBatch);
                d.put("params", net.params());
                d.computeIfAbsent("rss_mb_after_timed_batches", key -> new ArrayList<Long>());
                ((List<Long>) d.get("rss_mb_after_timed_batches")).add(procStatusMb("VmRSS"));
                if (round == rounds - 1) {
                    if (latencyReps > 0) {
                        d.put("inference", inference(net, test, v, model, latencyReps));
                    }
                    if (evalImages > 0) {
                        d.put("eval", evalCost(net, test, v, model, evalImages));
                    }
                    d.put("test_accuracy_after_slice", Stats.round(accuracy(net, test, v, model, 2000), 4));
                }
                list.forEach(ds -> {
                    if (ds.getFeatures().closeable()) {
                        ds.getFeatures().close();
                    }
                });
            }
        }
        loads.add(MachineFacts.loadAverage());

        Map<String, Object> results = new LinkedHashMap<>();
        for (Variant v : variants) {
            List<Double> r = rates.get(v.name());
            Map<String, Object> d = details.get(v.name());
            d.put("samples_per_second", r.stream().map(x -> Stats.round(x, 1)).toList());
            d.put("samples_per_second_best", Stats.round(r.stream().mapToDouble(x -> x).max().orElse(0), 1));
            d.put("samples_per_second_median", Stats.round(Stats.median(r), 1));
            d.put("process_cpu_ms_per_batch", cpu.get(v.name()).stream().map(x -> Stats.round(x, 1)).toList());
            d.put("process_cpu_ms_per_batch_median", Stats.round(Stats.median(cpu.get(v.name())), 1));
            results.put(v.name(), d);
        }
        out.put("results", results);
        out.put("load_average_per_round", loads);
        out.put("memory", memory());
        output.publish("probe", out);
        return 0;
    }

    private static Trainable build(String model, Variant v) {
        Nd4j.getEnvironment().allowHelpers(true);
        System.setProperty(HELPERS_DISABLE, String.valueOf(!Boolean.parseBoolean(v.get("helpers", "false"))));
        if (v.settings().containsKey("threads")) {
            int t = Integer.parseInt(v.get("threads", "2"));
            Nd4j.getEnvironment().setMaxThreads(t);
            Nd4j.getEnvironment().setMaxMasterThreads(t);
        }
        if (v.settings().containsKey("gc")) {
            // ND4J's own collector thread: System.gc() every N ms, so that off-heap buffers whose Java objects
            // died are freed even when the heap is too quiet to trigger a collection.
            Nd4j.getMemoryManager().togglePeriodicGc(true);
            Nd4j.getMemoryManager().setAutoGcWindow(Integer.parseInt(v.get("gc", "1000")));
        }
        if ("samediff".equals(v.get("engine", "layers"))) {
            SameDiffCnn cnn = SameDiffCnn.build(SEED, "NHWC".equals(v.get("format", "NCHW")), 1e-3);
            return new Trainable() {
                public void fit(ExistingDataSetIterator batches) {
                    cnn.fit(batches);
                }

                public INDArray output(INDArray features) {
                    return cnn.output(features);
                }

                public long params() {
                    return cnn.paramCount();
                }
            };
        }
        MultiLayerNetwork net = new MultiLayerNetwork("mlp".equals(model) ? mlp(v) : cnn(v));
        net.init();
        return new Trainable() {
            public void fit(ExistingDataSetIterator batches) {
                net.fit(batches);
            }

            public INDArray output(INDArray features) {
                return net.output(features);
            }

            public long params() {
                return net.numParams();
            }
        };
    }

    private static NeuralNetConfiguration.Builder common(Variant v) {
        WorkspaceMode ws = WorkspaceMode.valueOf(v.get("ws", "ENABLED"));
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(ws)
                .inferenceWorkspaceMode(WorkspaceMode.valueOf(v.get("iws", ws.name())))
                .cacheMode(CacheMode.valueOf(v.get("cache", "NONE")));
    }

    /** The reference CNN: 83,466 parameters. */
    static MultiLayerConfiguration cnn(Variant v) {
        CNN2DFormat format = CNN2DFormat.valueOf(v.get("format", "NCHW"));
        InputType input = "4d".equals(v.get("input", "flat"))
                ? InputType.convolutional(28, 28, 1, format)
                : InputType.convolutionalFlat(28, 28, 1);
        return common(v).convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).dataFormat(format).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(format).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU).dataFormat(format).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(format).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(input)
                .build();
    }

    /** The reference MLP 784-256-128-10: 235,146 parameters. */
    static MultiLayerConfiguration mlp(Variant v) {
        return common(v).list()
                .layer(new DenseLayer.Builder().nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.feedForward(FashionMnist.PIXELS))
                .build();
    }

    /** Features as the variant feeds them: flat [n,784], or image tensors in its layout. */
    private static INDArray features(INDArray flat, Variant v, String model) {
        if ("cnn".equals(model) && "4d".equals(v.get("input", "flat")) && !"samediff".equals(v.get("engine", ""))) {
            long n = flat.size(0);
            return "NHWC".equals(v.get("format", "NCHW")) ? flat.reshape('c', n, 28, 28, 1) : flat.reshape('c', n, 1, 28, 28);
        }
        return flat;
    }

    private static List<DataSet> batches(DataSet train, Variant v, String model, int batch, int count) {
        List<DataSet> list = new ArrayList<>();
        long n = train.numExamples();
        for (int b = 0; b < count; b++) {
            long from = ((long) b * batch) % n;
            long to = Math.min(from + batch, n);
            INDArray x = train.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
            INDArray y = train.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
            list.add(new DataSet(features(x, v, model), y));
        }
        return list;
    }

    private static Map<String, Object> inference(Trainable net, DataSet test, Variant v, String model, int reps) {
        INDArray all = test.getFeatures();
        int singles = 128;
        INDArray[] rows = new INDArray[singles];
        for (int i = 0; i < singles; i++) {
            rows[i] = features(all.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()).dup(), v, model);
        }
        INDArray batch = features(all.get(NDArrayIndex.interval(0, 256), NDArrayIndex.all()).dup(), v, model);
        InferenceTiming timing = InferenceTiming.measure(net::output, rows, batch, reps, Math.max(100, reps / 5),
                Math.max(10, reps / 20), 5);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("batch1_ms_median", Stats.round(timing.latencyMs(0.50), 4));
        r.put("batch1_ms_p95", Stats.round(timing.latencyMs(0.95), 4));
        r.put("batch256_samples_per_second", Math.round(timing.batchSamplesPerSecond()));
        return r;
    }

    /** Time to score {@code images} test images in chunks of 2,048, as the worker's validation does. */
    private static Map<String, Object> evalCost(Trainable net, DataSet test, Variant v, String model, int images) {
        long start = System.nanoTime();
        for (int from = 0; from < images; from += 2048) {
            int to = Math.min(from + 2048, images);
            INDArray p = net.output(features(test.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), v, model));
            if (p.closeable()) {
                p.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return Map.of("images", images, "seconds", Stats.round(seconds, 3), "images_per_second", Math.round(images / seconds));
    }

    private static double accuracy(Trainable net, DataSet test, Variant v, String model, int images) {
        INDArray x = features(test.getFeatures().get(NDArrayIndex.interval(0, images), NDArrayIndex.all()).dup(), v, model);
        INDArray predicted = net.output(x).argMax(1);
        INDArray truth = test.getLabels().get(NDArrayIndex.interval(0, images), NDArrayIndex.all()).argMax(1);
        return predicted.eq(truth).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().doubleValue() / images;
    }

    static Map<String, Object> memory() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peak_rss_mb", procStatusMb("VmHWM"));
        m.put("rss_mb", procStatusMb("VmRSS"));
        m.put("heap_max_mb", Runtime.getRuntime().maxMemory() >> 20);
        m.put("heap_used_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        m.put("javacpp_total_bytes_mb", Pointer.totalBytes() >> 20);
        m.put("javacpp_max_bytes_mb", Pointer.maxBytes() >> 20);
        m.put("javacpp_physical_bytes_mb", Pointer.physicalBytes() >> 20);
        m.put("javacpp_max_physical_bytes_mb", Pointer.maxPhysicalBytes() >> 20);
        return m;
    }

    private static long procStatusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("omp_num_threads_env", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        m.put("nd4j_max_master_threads", Nd4j.getEnvironment().maxMasterThreads());
        m.put("nd4j_periodic_gc_default", Nd4j.getMemoryManager().isPeriodicGcActive()
                + ", window ms " + Nd4j.getMemoryManager().getAutoGcWindow());
        m.put("javacpp_platform_extension", System.getProperty("org.bytedeco.javacpp.platform.extension", ""));
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        Map<String, Object> nd4j = new LinkedHashMap<>();
        env.forEach((k, val) -> nd4j.put(String.valueOf(k), String.valueOf(val)));
        m.put("nd4j_environment", nd4j);
        m.put("helpers_disable_property_default", System.getProperty(HELPERS_DISABLE, "unset (DL4J reads it as true)"));
        try {
            Class<?> envClass = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object instance = envClass.getMethod("getInstance").invoke(null);
            m.put("libnd4j_isUseONEDNN", envClass.getMethod("isUseONEDNN").invoke(instance));
        } catch (ReflectiveOperationException | LinkageError e) {
            m.put("libnd4j_isUseONEDNN", "n/a: " + e);
        }
        try {
            Class<?> nio = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object ops = nio.getMethod("getNativeOps").invoke(nio.getMethod("getInstance").invoke(null));
            m.put("libnd4j_build_info", String.valueOf(ops.getClass().getMethod("buildInfo").invoke(ops)).replace('\n', ' '));
        } catch (ReflectiveOperationException | LinkageError e) {
            m.put("libnd4j_build_info", "n/a");
        }
        m.put("load_average_at_start", MachineFacts.loadAverage());
        return m;
    }

    /** CPU time of the whole process (all threads): less disturbed by other processes than wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

package io.paretune.contract.trial;

import java.util.regex.Pattern;

/**
 * Where each file of a trial lives in the artifact store, relative to its root: the one derivation that workers
 * (which write the files), the evaluator (which reads models) and the controller (which checks what messages claim)
 * share. A path in a message is trusted only when it is exactly the one derived here from the message's own
 * campaign, trial, segment and attempt; so a message can never point a service at another campaign's file.
 *
 * <pre>{@code
 * String model = ArtifactPaths.model(campaignId, trialId, segment, attempt);   // "c/t/model-attempt-1.zip"
 * boolean ours = model.equals(result.artifactPath());
 * }</pre>
 */
public final class ArtifactPaths {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern ATTEMPT = Pattern.compile("[1-9][0-9]{0,8}");

    private ArtifactPaths() {
    }

    /**
     * The model of one attempt of one segment of a trial: segment 0 keeps the single-segment name, later segments
     * (attempts are counted per segment) their own, so that two segments never share a file.
     *
     * @throws IllegalArgumentException when an id could not be a directory name inside the store
     */
    public static String model(String campaignId, String trialId, int segment, int attempt) {
        String trial = trialDir(campaignId, trialId);
        return segment == 0 ? trial + "model-attempt-" + attempt + ".zip"
                : trial + "model-segment-" + segment + "-attempt-" + attempt + ".zip";
    }

    /**
     * The checkpoint one attempt took after {@code epoch}: per attempt, so that a duplicate attempt never replaces a
     * checkpoint someone may be reading.
     *
     * @throws IllegalArgumentException when an id could not be a directory name inside the store
     */
    public static String checkpoint(String campaignId, String trialId, int epoch, int attempt) {
        return trialDir(campaignId, trialId) + "checkpoint-epoch-" + epoch + "-attempt-" + attempt + ".zip";
    }

    /**
     * Whether {@code path} is a checkpoint some attempt of the trial took after {@code epoch}: what a worker can check
     * a job's {@code resumeFrom} against (the job does not say which attempt of the previous segment wrote it).
     */
    public static boolean isCheckpoint(String path, String campaignId, String trialId, int epoch) {
        if (path == null || !isSafeId(campaignId) || !isSafeId(trialId)) {
            return false;
        }
        String prefix = trialDir(campaignId, trialId) + "checkpoint-epoch-" + epoch + "-attempt-";
        return path.startsWith(prefix) && path.endsWith(".zip")
                && ATTEMPT.matcher(path.substring(prefix.length(), path.length() - ".zip".length())).matches();
    }

    /** Whether {@code id} can name a directory inside the store: no separators, not {@code .} or {@code ..}. */
    public static boolean isSafeId(String id) {
        return id != null && SAFE_ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    private static String trialDir(String campaignId, String trialId) {
        return safeId(campaignId) + "/" + safeId(trialId) + "/";
    }

    private static String safeId(String id) {
        if (!isSafeId(id)) {
            throw new IllegalArgumentException("unsafe id for an artifact path: " + id);
        }
        return id;
    }
}

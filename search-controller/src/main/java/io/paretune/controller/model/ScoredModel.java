package io.paretune.controller.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the database says about a scored trial's model, read in one transaction: where the file lies (relative to the
 * artifact store) and the SHA-256 of the file the evaluator scored.
 */
public record ScoredModel(String campaignId, String campaignName, String trialId, int number, String artifactPath,
                          String sha256) {

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final int MAX_SLUG = 60;

    /**
     * The name a download suggests: {@code <campaign>-trial-<number>.ptm.zip}, the campaign's name reduced to
     * lower-case letters, digits and dashes (its id's first block when nothing is left of the name).
     */
    public String fileName() {
        return fileName(campaignName, campaignId, number);
    }

    static String fileName(String campaignName, String campaignId, int number) {
        String slug = NOT_SLUG.matcher(campaignName == null ? "" : campaignName.toLowerCase(Locale.ROOT))
                .replaceAll("-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = NOT_SLUG.matcher(campaignId.toLowerCase(Locale.ROOT)).replaceAll("-").split("-")[0];
        }
        return slug + "-trial-" + number + ".ptm.zip";
    }
}

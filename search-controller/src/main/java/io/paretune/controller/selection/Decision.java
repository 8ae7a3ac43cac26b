package io.paretune.controller.selection;

/**
 * A campaign's verdict: the trial its selection rule names and the sentence that says why, or no trial and the
 * sentence that says why not.
 *
 * @param chosen null when the rule names no trial
 */
public record Decision(String rule, Contender chosen, String sentence) {

    public boolean hasChoice() {
        return chosen != null;
    }
}

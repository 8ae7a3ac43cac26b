"""Plays random asynchronous campaigns through Optuna 3.1's pruners and writes every decision they take to
optuna-cases.json, which OptunaAgreementTest replays through ours, decision by decision.

Each case has the pruner's settings and its events in order: [trial, step, value, 1 if pruned else 0] for a report
and the decision on it, [trial] for a trial told COMPLETE (with its last value).

Run from this folder with Debian's Optuna:  /usr/bin/python3 optuna_cases.py > optuna-cases.json
(The output is deterministic: fixed seeds, Optuna's pruners draw nothing at random.)

Differences from ours that the cases steer around, each documented in our classes:
- Optuna's successive-halving rungs have no upper bound; ours stop below maxResource. The cases set maxResource one
  past the last step, so both judge the same rungs.
- Optuna's Hyperband assigns brackets by hashing the study name; ours by the campaign seed. The cases test a bracket's
  ladder (min_early_stopping_rate) directly instead.
"""
import json
import random
import sys

import optuna
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.WARNING)


def play(rng, pruner, direction, last):
    study = optuna.create_study(direction=direction, pruner=pruner)
    n_trials = rng.randint(6, 20)
    running, trials, events = [], {}, []
    started = 0
    while started < n_trials or running:
        if started < n_trials and (not running or rng.random() < 0.3):
            trial = study.ask()
            trials[trial.number] = {"trial": trial, "step": 0, "quality": rng.gauss(0, 1)}
            running.append(trial.number)
            started += 1
            continue
        number = rng.choice(running)
        state = trials[number]
        step = min(last, state["step"] + (1 if rng.random() < 0.8 else rng.randint(2, 4)))
        state["step"] = step
        # A learning curve rising with the step, better for better trials, noisy; two decimals, so ties happen.
        value = round(state["quality"] + step / last + rng.gauss(0, 0.3), 2)
        if direction == "minimize":
            value = -value
        trial = state["trial"]
        trial.report(value, step)
        prune = bool(trial.should_prune())  # numpy.bool_ from the median pruner
        events.append([number, step, value, int(prune)])
        if prune:
            study.tell(trial, state=TrialState.PRUNED)
            running.remove(number)
        elif step == last:
            study.tell(trial, value)
            events.append([number])
            running.remove(number)
    return events


def main():
    rng = random.Random(20240531)
    cases = []
    for i in range(24):
        eta = rng.choice([2, 3, 4])
        min_resource = rng.choice([1, 1, 2, 3])
        rate = rng.choice([0, 0, 1, 2])
        last = rng.randint(8, 30)
        direction = rng.choice(["maximize", "minimize"])
        pruner = optuna.pruners.SuccessiveHalvingPruner(
            min_resource=min_resource, reduction_factor=eta, min_early_stopping_rate=rate)
        cases.append({"pruner": "asha", "minResource": min_resource, "maxResource": last + 1,
                      "reductionFactor": eta, "earlyStoppingRate": rate, "direction": direction,
                      "events": play(rng, pruner, direction, last)})
    for i in range(24):
        startup = rng.choice([0, 1, 3, 5])
        warmup = rng.choice([0, 0, 2, 5])
        interval = rng.choice([1, 1, 2, 3])
        last = rng.randint(8, 20)
        direction = rng.choice(["maximize", "minimize"])
        pruner = optuna.pruners.MedianPruner(
            n_startup_trials=startup, n_warmup_steps=warmup, interval_steps=interval)
        cases.append({"pruner": "median", "startupTrials": startup, "warmupSteps": warmup,
                      "intervalSteps": interval, "direction": direction,
                      "events": play(rng, pruner, direction, last)})
    # One case a line, so a regenerated file diffs readably.
    lines = [json.dumps(case, separators=(",", ":")) for case in cases]
    sys.stdout.write('{"optuna":"%s","cases":[\n%s\n]}\n' % (optuna.__version__, ",\n".join(lines)))


if __name__ == "__main__":
    main()

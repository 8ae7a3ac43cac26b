#!/usr/bin/env python3
"""Drives an external (ask/tell) Paretune campaign from Python: ask -> evaluate step by step, reporting each step
and stopping when the pruner says so -> tell, until the budget is spent. Prints each trial and the best one.

    ./paretune up                                   # or any running search-controller
    PARETUNE_TOKEN=KEY /usr/bin/python3 ...         # where the controller needs an API key (operator role)
    /usr/bin/python3 examples/asktell_client.py     # submits examples/external-quadratic.json
    /usr/bin/python3 examples/asktell_client.py --campaign ID   # drives a campaign submitted before

The "training" here is a toy: a quadratic whose loss shrinks towards its final value as steps go by. Replace
evaluate() with your own training loop. Uses `requests` when installed, the standard library otherwise.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request

try:
    import requests
except ImportError:  # the standard library does the same, only more verbosely
    requests = None


class Controller:
    """The controller's REST API: post/get JSON, return (status, body)."""

    def __init__(self, url, token=None):
        self.url = url.rstrip("/")
        self.auth = {"Authorization": "Bearer " + token} if token else {}

    def call(self, method, path, body=None):
        if requests is not None:
            r = requests.request(method, self.url + path, json=body, headers=self.auth, timeout=30)
            return r.status_code, (r.json() if r.content else None)
        data = None if body is None else json.dumps(body).encode()
        headers = dict(self.auth, **({"Content-Type": "application/json"} if data else {}))
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def expect(self, status, method, path, body=None):
        code, answer = self.call(method, path, body)
        if code != status:
            sys.exit(f"{method} {path}: HTTP {code}: {answer}")
        return answer


def loss_at(params, step):
    """The toy objective after `step` steps: the final loss plus a gap that shrinks with every step."""
    final = (params["x"] - 2) ** 2 + (params["y"] + 1) ** 2 + (0.0 if params["shape"] == "bowl" else 1.5)
    return final + 10.0 / (step + 1)


def run_trial(api, campaign, trial, steps):
    """Evaluates one trial, reporting every step; returns how it ended."""
    base = f"/api/v1/campaigns/{campaign}/trials/{trial['trialId']}"
    loss = None
    for step in range(steps):
        loss = loss_at(trial["params"], step)            # your training step and validation go here
        answer = api.expect(200, "POST", base + "/report", {"step": step, "values": {"loss": loss}})
        if answer["prune"]:
            return f"PRUNED at step {step} (loss {loss:.3f})"
    told = api.expect(200, "POST", base + "/tell", {"values": {"loss": loss}})
    return f"{told['state']} loss {loss:.3f}"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("PARETUNE_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--spec", default=os.path.join(here, "external-quadratic.json"))
    parser.add_argument("--campaign", help="id of an external campaign to drive instead of submitting --spec")
    parser.add_argument("--steps", type=int, default=10, help="steps per trial (default 10)")
    args = parser.parse_args()
    api = Controller(args.url, os.environ.get("PARETUNE_TOKEN"))

    campaign = args.campaign
    if campaign is None:
        with open(args.spec) as f:
            campaign = api.expect(201, "POST", "/api/v1/campaigns", json.load(f))["id"]
    print(f"campaign {campaign}")
    while True:
        code, answer = api.call("POST", f"/api/v1/campaigns/{campaign}/trials/ask")
        if code == 409:  # budget spent or campaign over: the reason says which
            print(f"no more trials: {answer['error']}")
            break
        if code != 200:
            sys.exit(f"ask: HTTP {code}: {answer}")
        print(f"trial {answer['number']:3d} {json.dumps(answer['params'], sort_keys=True)}: "
              f"{run_trial(api, campaign, answer, args.steps)}")

    detail = api.expect(200, "GET", f"/api/v1/campaigns/{campaign}")
    counts = ", ".join(f"{n} {s}" for s, n in detail["trialCounts"].items() if n)
    print(f"campaign {detail['state']}: {counts}")
    best = detail.get("best")
    if best:
        print(f"best: trial {best['number']} loss {best['primaryValue']:.4f} {json.dumps(best['params'], sort_keys=True)}")


if __name__ == "__main__":
    main()

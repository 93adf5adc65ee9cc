"""Train the leave-one-family-out models: for each voice family, a model trained on the others.

  npm run train:lofo                         every family, seed 1 (the reduced 'lofo' schedule)
  npm run train:lofo -- --seeds 1,2,3 --families kal,rms

Models go to $SOTAQUE_CACHE/models/lofo/<family>/seed-<n>/ (tfjs format, with metadata naming the
held-out family); `npm run eval` evaluates each on its held-out family through src/model.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from data import FAMILIES, default_cache_dir  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--seeds", default="1")
    ap.add_argument("--schedule", default="lofo")
    ap.add_argument("--corpus")
    ap.add_argument("--root", help="output root (default $SOTAQUE_CACHE/models/lofo)")
    ap.add_argument("--skip-existing", action="store_true")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="passed to train.py")
    args, extra = ap.parse_known_args()
    root = args.root or os.path.join(default_cache_dir(), "models", "lofo")
    for seed in [int(s) for s in args.seeds.split(",")]:
        for family in args.families.split(","):
            out = os.path.join(root, family, f"seed-{seed}")
            if args.skip_existing and os.path.exists(os.path.join(out, "model.json")):
                continue
            cmd = [sys.executable, os.path.join(HERE, "train.py"), "--schedule", args.schedule, "--holdout", family,
                   "--dev", "", "--seed", str(seed), "--out", out, *extra]
            if args.corpus:
                cmd += ["--corpus", args.corpus]
            for s in args.set:
                cmd += ["--set", s]
            t0 = time.time()
            print(f"[lofo] {family} seed {seed} → {out}", file=sys.stderr, flush=True)
            subprocess.run(cmd, check=True)
            print(f"[lofo] {family} seed {seed} done in {time.time() - t0:.0f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()

"""Fine-tune the synthetic-pretrained phone classifier on real speech (the Asterisk train split),
mixed with synthetic batches so that it keeps the Brazilian contrasts, and export it to tfjs.

  npm run train:real                            the shipped model → public/models/phones
  npm run train:real -- --variant head --out DIR   an experiment (variants below)

The base is the synthetic-pretrained model in training/model/base/ (the output of `npm run train`,
kept beside the recipe so the shipped model can be rebuilt from it). Its folded conv+BatchNorm
weights are loaded into the PyTorch network with identity BatchNorm, which stays frozen (eval mode)
during fine-tuning: a batch's own statistics would otherwise replace the ones folded in.

Variants: `whole` (every conv and dense layer), `head` (the two per-frame dense layers: what the
browser can also fine-tune), `upper` (the last two convs and the head). Batches mix real and
synthetic rows (`--real-share`); real rows come from the Asterisk train split with its augmented
copies, synthetic rows from the training families (awb and rms stay held out). Dev figures
(PyTorch) are on the Asterisk dev split and on awb; the reported figures come from eval:real.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from dataclasses import replace

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from data import Corpus, Utterance, default_cache_dir  # noqa: E402
from export import export, parity_clips  # noqa: E402
from metadata import ROOT, base_metadata, recipe_hash  # noqa: E402
from net import NetConfig, PhoneNet  # noqa: E402
from train import SHIPPED_DIR, SHIPPED_PARITY_DIR, Recipe, Sampler, Stage, class_weights, log, pack_batch, quick_eval, run_stage  # noqa: E402

BASE_DIR = os.path.join(HERE, "base")
VARIANTS = ("whole", "head", "upper")
# Chosen on the Asterisk dev split (training/RESULTS.md, "Fine-tuning on real speech").
DEFAULT = {"variant": "whole", "steps": 600, "lr": 3e-4, "real_share": 0.5}


def load_tfjs(model_dir: str) -> tuple[PhoneNet, dict]:
    """A PhoneNet with the weights of a tfjs export (uint8/float16/float32 decoded as tfjs does)."""
    with open(os.path.join(model_dir, "model.json")) as f:
        model = json.load(f)
    with open(os.path.join(model_dir, "metadata.json")) as f:
        meta = json.load(f)
    cfg = NetConfig.from_json(meta["recipe"]["net"])
    blob = open(os.path.join(model_dir, "weights.bin"), "rb").read()
    weights, offset = {}, 0
    for spec in model["weightsManifest"][0]["weights"]:
        n = int(np.prod(spec["shape"]))
        q = spec.get("quantization")
        if q and q["dtype"] == "uint8":
            arr = np.frombuffer(blob, np.uint8, n, offset).astype(np.float32) * np.float32(q["scale"]) + np.float32(q["min"])
            offset += n
        elif q and q["dtype"] == "float16":
            arr = np.frombuffer(blob, "<f2", n, offset).astype(np.float32)
            offset += 2 * n
        else:
            arr = np.frombuffer(blob, "<f4", n, offset).astype(np.float32)
            offset += 4 * n
        weights[spec["name"]] = arr.reshape(spec["shape"])
    net = PhoneNet(cfg)
    with torch.no_grad():
        for i, block in enumerate(net.blocks):
            block.conv.weight.copy_(torch.from_numpy(weights[f"conv{i + 1}/kernel"]).permute(3, 2, 0, 1))
            block.conv.bias.copy_(torch.from_numpy(weights[f"conv{i + 1}/bias"]))
            block.bn.running_mean.zero_()
            block.bn.running_var.fill_(1.0 - block.bn.eps)
            block.bn.weight.fill_(1.0)
            block.bn.bias.zero_()
        for name, fc in (("dense1", net.fc1), ("dense2", net.fc2)):
            fc.weight.copy_(torch.from_numpy(weights[f"{name}/kernel"]).t()[:, :, None, None])
            fc.bias.copy_(torch.from_numpy(weights[f"{name}/bias"]))
    return net.eval(), meta


def trainable(net: PhoneNet, variant: str) -> list[torch.nn.Parameter]:
    head = list(net.fc1.parameters()) + list(net.fc2.parameters())
    if variant == "head":
        return head
    blocks = net.blocks if variant == "whole" else net.blocks[-2:]
    return [p for b in blocks for p in b.conv.parameters()] + head


class MixedSampler:
    """Rows of one crop length, each filled from the real sampler with probability `share`, else synthetic."""

    def __init__(self, real: Sampler, synthetic: Sampler, share: float, rng: np.random.Generator):
        self.real, self.synthetic, self.share, self.rng = real, synthetic, share, rng

    def batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        return pack_batch(self.real.recipe, self.rng, lambda: (self.real if self.rng.random() < self.share else self.synthetic)._piece)


def frozen_bn(net: PhoneNet) -> None:
    for b in net.blocks:
        b.bn.eval()
        for p in b.bn.parameters():
            p.requires_grad_(False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", choices=VARIANTS, default=DEFAULT["variant"])
    ap.add_argument("--steps", type=int, default=DEFAULT["steps"])
    ap.add_argument("--lr", type=float, default=DEFAULT["lr"])
    ap.add_argument("--real-share", type=float, default=DEFAULT["real_share"])
    ap.add_argument("--base", default=BASE_DIR)
    ap.add_argument("--real", help="real-speech corpus (default $SOTAQUE_CACHE/corpus-real)")
    ap.add_argument("--corpus", help="synthetic corpus (default $SOTAQUE_CACHE/corpus)")
    ap.add_argument("--out", help="output folder (default public/models/phones, only with the default recipe)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-only", action="store_true", help="report the base model's dev figures and stop")
    args = ap.parse_args()
    torch.set_num_threads(max(1, min(2, args.threads)))
    settings = {"variant": args.variant, "steps": args.steps, "lr": args.lr, "real_share": args.real_share}
    out_dir = args.out or SHIPPED_DIR
    if os.path.abspath(out_dir) == SHIPPED_DIR and (settings != DEFAULT or args.seed != 1):
        ap.error("public/models/phones holds the shipped model: the default recipe only; give --out for experiments")

    cache = default_cache_dir()
    net, base_meta = load_tfjs(args.base)
    recipe = replace(Recipe(), net=net.cfg, seed=args.seed)
    real = Corpus(args.real or os.path.join(cache, "corpus-real"), net.cfg.mel_bands)
    synth = Corpus(args.corpus or os.path.join(cache, "corpus"), net.cfg.mel_bands)
    split = lambda u: u.meta.get("split")  # noqa: E731
    real_train = [u for u in real.utterances if split(u) == "train"]
    real_dev = [u for u in real.utterances if split(u) == "dev" and u.meta.get("copy") == 0]
    synth_train = synth.select(exclude={"awb", "rms"})
    synth_dev = [synth.select(include={"awb"})[i] for i in np.random.default_rng(7).permutation(len(synth.select(include={"awb"})))[:300]]
    log(f"real train {len(real_train)} examples ({real.hours(real_train):.2f} h), real dev {len(real_dev)}; synthetic train {len(synth_train)}, dev awb {len(synth_dev)}")

    before = {"realDev": quick_eval(net, real, real_dev), "awb": quick_eval(net, synth, synth_dev)}
    log(f"base: real dev frame {before['realDev']['frameAccuracy']:.3f} segment {before['realDev']['segmentAccuracy']:.3f}; "
        f"awb frame {before['awb']['frameAccuracy']:.3f} segment {before['awb']['segmentAccuracy']:.3f}")
    if args.eval_only:
        print(json.dumps(before))
        return

    started = time.time()
    rng = np.random.default_rng(recipe.seed)
    torch.manual_seed(recipe.seed)
    for p in net.parameters():
        p.requires_grad_(False)
    params = trainable(net, args.variant)
    for p in params:
        p.requires_grad_(True)
    sampler = MixedSampler(Sampler(real, real_train, recipe, rng, 1.0), Sampler(synth, synth_train, recipe, rng, 1.0), args.real_share, rng)
    weights = class_weights(real, real_train, recipe) * 0.5 + class_weights(synth, synth_train, recipe) * 0.5
    stage = Stage(steps=args.steps, lr=args.lr)
    # run_stage optimises every parameter that requires grad; BatchNorm stays frozen in eval mode.
    original_train = net.train

    def train_keeping_bn(mode: bool = True):
        original_train(mode)
        frozen_bn(net)
        return net

    net.train = train_keeping_bn  # type: ignore[method-assign]
    run_stage(net, stage, sampler, recipe, f"real/{args.variant}", None, weights)
    net.train = original_train  # type: ignore[method-assign]
    net.eval()
    after = {"realDev": quick_eval(net, real, real_dev), "awb": quick_eval(net, synth, synth_dev)}
    log(f"{args.variant}: real dev frame {after['realDev']['frameAccuracy']:.3f} segment {after['realDev']['segmentAccuracy']:.3f}; "
        f"awb frame {after['awb']['frameAccuracy']:.3f} segment {after['awb']['segmentAccuracy']:.3f} ({time.time() - started:.0f} s)")

    base_hash = hashlib.sha256(open(os.path.join(args.base, "weights.bin"), "rb").read()).hexdigest()
    recipe_json = {"fineTune": settings, "seed": args.seed, "base": {"recipeHash": base_meta.get("recipeHash"), "weightsSha256": base_hash},
                   "batch_frames": recipe.batch_frames, "crop": [recipe.crop_min, recipe.crop_max], "net": net.cfg.to_json(),
                   "heldOut": {"synthetic": ["awb", "rms"], "real": ["real-asterisk calibration", "real-asterisk dev", "real-tuxpaint"]}}
    rhash = recipe_hash(recipe_json, real.manifest_bytes + synth.manifest_bytes)
    corpus_info = dict(base_meta.get("corpus", {}))
    corpus_info["real"] = {"families": ["real-asterisk"], "split": "train", "examples": len(real_train), "hours": round(real.hours(real_train), 3)}
    evaluation = {"protocol": "PyTorch float32; the tfjs figures are in training/RESULTS.md (npm run eval:real)",
                  "before": before, "after": after, "base": base_meta.get("evaluation")}
    meta = base_metadata(rhash, corpus_info, evaluation)
    meta["recipe"] = recipe_json | {"base recipe": base_meta.get("recipe")}
    meta["trainingSeconds"] = round(time.time() - started, 1)
    parity_dir = SHIPPED_PARITY_DIR if os.path.abspath(out_dir) == SHIPPED_DIR else os.path.join(out_dir, "parity")
    for name in ("model.json", "weights.bin", "metadata.json"):
        if os.path.exists(os.path.join(out_dir, name)):
            os.remove(os.path.join(out_dir, name))
    sample = real.normalised(real_dev[0])[:300]
    summary = export(net, out_dir, meta, "uint8", parity_inputs=[*parity_clips(bands=net.cfg.mel_bands), sample], parity_dir=parity_dir)
    log(f"exported to {out_dir} ({summary['bytes']} bytes)")
    print(json.dumps({"settings": settings, "before": before, "after": after}))


if __name__ == "__main__":
    main()

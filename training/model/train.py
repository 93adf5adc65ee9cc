"""Train Sotaque's phone classifier (PyTorch, CPU) and export it to tfjs (export.py).

  npm run train                       the shipped model → public/models/phones (held out: awb, rms)
  npm run train -- --smoke            tiny model on the smoke corpus → a temp folder (CI; < 3 min)
  npm run train -- --holdout kal --out DIR --schedule lofo      one leave-one-family-out model

Two stages: pretraining on every training family, then fine-tuning with the Brazilian-contrast
material weighted up (see RECIPE and training/RESULTS.md for what was measured). Deterministic:
seeds fix initialisation, sampling and augmentation; torch uses at most 2 threads.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from data import FAMILIES, Corpus, Utterance, default_cache_dir  # noqa: E402
from export import DecodedNet, export, parity_clips, quantise, tfjs_weights  # noqa: E402
from metadata import ROOT, app_constants, base_metadata, recipe_hash  # noqa: E402
from net import NetConfig, PhoneNet  # noqa: E402

SHIPPED_DIR = os.path.join(ROOT, "public", "models", "phones")
SHIPPED_PARITY_DIR = os.path.join(HERE, "parity")


def contrast_groups() -> tuple[tuple[str, ...], ...]:
    """Brazilian-Portuguese speakers' contrasts, target first (src/lessons/contrasts.ts, through appConstants.ts):
    each group is confusable within itself."""
    return tuple(tuple(g) for g in app_constants()["contrastGroups"])


@dataclass(frozen=True)
class Stage:
    steps: int
    lr: float
    # Sampling weight of an utterance that carries contrast material (1 = no upweighting).
    contrast_weight: float = 1.0
    # Extra loss weight on frames whose label is a contrast phone (1 = none).
    contrast_frame_weight: float = 1.0


@dataclass(frozen=True)
class Recipe:
    # Measured on the dev family awb (training/RESULTS.md, "How the recipe was chosen"): a fourth, dilated
    # time convolution (context ±14 frames) and a 192-unit head beat the 3-conv/128 network.
    net: NetConfig = NetConfig(convs=((16, 3, 3, 1, 2), (32, 3, 3, 1, 2), (32, 9, 1, 1, 1), (32, 9, 1, 2, 1)), hidden=192)
    batch_frames: int = 6400  # frames per batch (rows = batch_frames // crop)
    crop_min: int = 96
    crop_max: int = 256
    weight_decay: float = 1e-4
    label_smoothing: float = 0.05
    # SpecAugment masks: off, the corpus's own augmentation (noise, reverb, band limits) did better alone.
    spec_augment: bool = False
    freq_masks: int = 2
    freq_mask_max: int = 8
    time_masks: int = 2
    time_mask_max: int = 10
    vtlp: float = 0.0  # max relative warp of the mel axis (0 = off)
    # Loss weight of class c ∝ frequency(c)^-class_balance over the training frames (0 = plain cross-entropy;
    # 0.5 = inverse square root), normalised so the average frame weight is 1. Counters the prior that
    # pushes rare phones (TH, UH, CH) towards frequent neighbours (T, UW, T).
    class_balance: float = 0.5
    pretrain: Stage = Stage(steps=5000, lr=2e-3)
    finetune: Stage = Stage(steps=700, lr=4e-4, contrast_weight=4.0, contrast_frame_weight=1.5)
    holdout: tuple = ("awb", "rms")
    dev: tuple = ("awb",)
    seed: int = 1

    def to_json(self) -> dict:
        d = asdict(self)
        d["net"] = self.net.to_json()
        return d


SCHEDULES = {
    # The shipped model and its held-out figures.
    "full": {},
    # Leave-one-family-out models: a shorter schedule (the note reports it), so six fit in the budget.
    "lofo": {"pretrain": Stage(steps=1500, lr=2e-3), "finetune": Stage(steps=200, lr=4e-4, contrast_weight=4.0, contrast_frame_weight=1.5)},
    # CI: a tiny network for a few steps; proves the pipeline, not the accuracy.
    "smoke": {"net": NetConfig(convs=((4, 3, 3, 1, 2), (8, 3, 3, 1, 2), (8, 5, 1, 1, 1)), hidden=32, dropout=0.1),
              "batch_frames": 1200, "crop_min": 64, "crop_max": 128,
              "pretrain": Stage(steps=60, lr=3e-3), "finetune": Stage(steps=20, lr=1e-3, contrast_weight=4.0, contrast_frame_weight=1.5)},
}


def log(msg: str) -> None:
    print(f"[train] {msg}", file=sys.stderr, flush=True)


def phone_index() -> dict[str, int]:
    return {p: i for i, p in enumerate(app_constants()["phones"])}


def contrast_phone_ids() -> np.ndarray:
    idx = phone_index()
    return np.array(sorted({idx[p] for g in contrast_groups() for p in g}), dtype=np.int64)


def is_contrast_material(u: Utterance) -> bool:
    """Utterances the corpus marks as Brazilian-contrast material (minimal pairs, contrast drills)."""
    m = u.meta
    tags = m.get("tags") or m.get("sets") or []
    if isinstance(tags, str):
        tags = [tags]
    kind = str(m.get("set") or m.get("kind") or m.get("source") or "")
    return bool(m.get("contrast")) or any("contrast" in str(t) or "pair" in str(t) for t in tags) or "pair" in kind or "contrast" in kind


class Sampler:
    """Batches of rows of `crop` frames, each packed with random crops of utterances drawn with probability
    ∝ frames × weight, every piece normalised over its whole utterance as the app does (no padding)."""

    def __init__(self, corpus: Corpus, utts: list[Utterance], recipe: Recipe, rng: np.random.Generator, contrast_weight: float):
        self.corpus, self.utts, self.recipe, self.rng = corpus, utts, recipe, rng
        w = np.array([u.frames * (contrast_weight if is_contrast_material(u) else 1.0) for u in utts], dtype=np.float64)
        self.cdf = np.cumsum(w / w.sum())

    def _piece(self, n_max: int) -> tuple[np.ndarray, np.ndarray]:
        r = self.recipe
        u = self.utts[min(int(np.searchsorted(self.cdf, self.rng.random(), side="right")), len(self.utts) - 1)]
        n = min(n_max, u.frames)
        start = int(self.rng.integers(0, u.frames - n + 1))
        feats = self.corpus.normalised(u, start, start + n)
        if r.vtlp > 0:
            feats = warp_bands(feats, 1.0 + self.rng.uniform(-r.vtlp, r.vtlp))
        if r.spec_augment:
            feats = spec_augment(feats, r, self.rng)
        return feats, self.corpus.labels(u)[start:start + n]

    def batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        return pack_batch(self.recipe, self.rng, lambda: self._piece)


def pack_batch(r: Recipe, rng: np.random.Generator, piece_source) -> tuple[torch.Tensor, torch.Tensor]:
    """One batch of rows of one crop length; `piece_source()` gives each row's piece function (n_max → feats, labels)."""
    # Crop lengths on a grid of 32 frames: few distinct tensor shapes keep oneDNN's primitive cache
    # (and the allocator) from growing without bound.
    crop = 32 * int(rng.integers(r.crop_min // 32, r.crop_max // 32 + 1))
    rows = max(1, r.batch_frames // crop)
    x = np.zeros((rows, crop, r.net.mel_bands), dtype=np.float32)
    y = np.zeros((rows, crop), dtype=np.int64)
    for i in range(rows):
        piece = piece_source()
        t = 0
        while t < crop:
            feats, labels = piece(crop - t)
            x[i, t:t + len(labels)] = feats
            y[i, t:t + len(labels)] = labels
            t += len(labels)
    return torch.from_numpy(x), torch.from_numpy(y)


def warp_bands(x: np.ndarray, alpha: float) -> np.ndarray:
    """Vocal-tract-length-style warp: resample the mel axis by `alpha` (linear interpolation)."""
    bands = x.shape[1]
    pos = np.clip(np.arange(bands) * alpha, 0, bands - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, bands - 1)
    frac = (pos - lo).astype(np.float32)
    return x[:, lo] * (1 - frac) + x[:, hi] * frac


def spec_augment(x: np.ndarray, r: Recipe, rng: np.random.Generator) -> np.ndarray:
    """SpecAugment masks: bands and frame spans set to 0 (the per-band mean after normalisation)."""
    x = x.copy()
    t, bands = x.shape
    for _ in range(r.freq_masks):
        w = int(rng.integers(0, r.freq_mask_max + 1))
        f0 = int(rng.integers(0, bands - w + 1))
        x[:, f0:f0 + w] = 0
    for _ in range(r.time_masks):
        w = int(rng.integers(0, min(r.time_mask_max, max(t // 8, 1)) + 1))
        t0 = int(rng.integers(0, t - w + 1))
        x[t0:t0 + w] = 0
    return x


def class_weights(corpus: Corpus, utts: list[Utterance], recipe: Recipe) -> torch.Tensor:
    """Per-class loss weights from the training frames' label counts (see Recipe.class_balance)."""
    counts = np.zeros(recipe.net.classes, dtype=np.float64)
    for u in utts:
        counts += np.bincount(corpus.labels(u), minlength=recipe.net.classes)
    freq = np.maximum(counts, 1) / counts.sum()
    w = freq ** -recipe.class_balance
    w /= (w * freq).sum()
    return torch.tensor(w, dtype=torch.float32)


def run_stage(net: PhoneNet, stage: Stage, sampler: Sampler, recipe: Recipe, name: str, deadline: float | None,
              base_weights: torch.Tensor | None = None) -> None:
    opt = torch.optim.AdamW(net.parameters(), lr=stage.lr, weight_decay=recipe.weight_decay)
    warm = max(1, stage.steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(s, stage.steps) / stage.steps)))
    weights = base_weights.clone() if base_weights is not None else None
    if stage.contrast_frame_weight != 1.0:
        weights = weights if weights is not None else torch.ones(recipe.net.classes)
        weights[torch.from_numpy(contrast_phone_ids())] *= stage.contrast_frame_weight
    net.train()
    t0, running, seen = time.time(), 0.0, 0
    for step in range(stage.steps):
        x, y = sampler.batch()
        logits = net.logits_bct(x)
        loss = torch.nn.functional.cross_entropy(logits, y, weight=weights, ignore_index=-100, label_smoothing=recipe.label_smoothing)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        running += float(loss)
        seen += 1
        if (step + 1) % 50 == 0 or step + 1 == stage.steps:
            log(f"{name} step {step + 1}/{stage.steps} loss {running / seen:.3f} ({time.time() - t0:.0f} s)")
            running, seen = 0.0, 0
        if deadline is not None and time.time() > deadline:
            log(f"{name}: time budget reached at step {step + 1}; stopping the stage early")
            break


@torch.no_grad()
def posteriors(net_or_decoded, corpus: Corpus, u: Utterance) -> np.ndarray:
    x = torch.from_numpy(corpus.normalised(u))[None]
    if isinstance(net_or_decoded, PhoneNet):
        return torch.softmax(net_or_decoded(x), dim=-1)[0].numpy()
    return net_or_decoded(x)[0].numpy()


def segments(u: Utterance, labels: np.ndarray) -> list[tuple[int, int, int]]:
    """(label, start frame, end frame) per labelled phone interval: maximal runs of one label."""
    out, start = [], 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            out.append((int(labels[start]), start, i))
            start = i
    return out


def quick_eval(model, corpus: Corpus, utts: list[Utterance]) -> dict:
    """Frame accuracy, non-silence segment accuracy and balanced contrast 2-way accuracy (PyTorch, for
    development; the reported figures come from training/eval, whose definitions these follow)."""
    idx = phone_index()
    pairs = sorted({(idx[a], idx[b]) for g in contrast_groups() for a in g for b in g if a != b})
    frames_ok = frames = seg_ok = segs = 0
    pair_ok: dict[tuple[int, int], list[int]] = {p: [0, 0] for p in pairs}
    for u in utts:
        p = posteriors(model, corpus, u)
        y = corpus.labels(u)
        frames_ok += int((p.argmax(1) == y).sum())
        frames += len(y)
        for lab, s, e in segments(u, y):
            if lab == 0:
                continue
            mean = np.log(np.maximum(p[s:e], 1e-8)).mean(0)  # mean log posterior, as GOP and training/eval/metrics.ts score segments
            segs += 1
            seg_ok += int(mean.argmax() == lab)
            for a, b in pairs:
                if a == lab:
                    pair_ok[(a, b)][0] += int(mean[a] > mean[b])
                    pair_ok[(a, b)][1] += 1
    names = app_constants()["phones"]
    two_way = {}
    for g in contrast_groups():
        for other in g[1:]:
            a, b = idx[g[0]], idx[other]
            rates = [pair_ok[k][0] / pair_ok[k][1] for k in ((a, b), (b, a)) if pair_ok[k][1]]
            # Balanced over the two directions, as training/eval/metrics.ts reports it.
            two_way[f"{names[a]}/{names[b]}"] = sum(rates) / len(rates) if rates else None
    return {"frameAccuracy": frames_ok / max(frames, 1), "segmentAccuracy": seg_ok / max(segs, 1),
            "frames": frames, "segments": segs, "contrast2way": two_way}


def choose_quantisation(net: PhoneNet, corpus: Corpus, utts: list[Utterance], base_acc: float) -> tuple[str, dict]:
    """uint8 if it costs < 0.5 points of frame accuracy on `utts`, else float16 if that does, else float32."""
    measured = {"float32": base_acc}
    for q in ("uint8", "float16"):
        decoded = {name: quantise(arr, q)[2] for name, arr in tfjs_weights(net)}
        acc = quick_eval(DecodedNet(net.cfg, decoded), corpus, utts)["frameAccuracy"]
        measured[q] = acc
        if base_acc - acc < 0.005:
            return q, measured
    return "float32", measured


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="tiny model on the smoke corpus, written to a temp folder")
    ap.add_argument("--corpus", help="corpus folder (default $SOTAQUE_CACHE/corpus, or corpus-smoke with --smoke)")
    ap.add_argument("--out", help="output folder (default public/models/phones; a temp folder with --smoke)")
    ap.add_argument("--schedule", choices=sorted(SCHEDULES), help="default: full (smoke with --smoke)")
    ap.add_argument("--holdout", help="comma-separated families left out of training (default awb,rms)")
    ap.add_argument("--dev", help="comma-separated held-out families used for the quantisation check (default awb)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="override a recipe field, e.g. --set vtlp=0.1")
    ap.add_argument("--minutes", type=float, default=None, help="wall-clock budget; stages stop early when reached")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-check", action="store_true", help="skip the tfjs load + parity check after export")
    args = ap.parse_args()

    torch.set_num_threads(max(1, min(2, args.threads)))
    schedule = args.schedule or ("smoke" if args.smoke else "full")
    recipe = replace(Recipe(), **SCHEDULES[schedule], seed=args.seed)
    if args.holdout is not None:
        recipe = replace(recipe, holdout=tuple(f for f in args.holdout.split(",") if f))
    if args.dev is not None:
        recipe = replace(recipe, dev=tuple(f for f in args.dev.split(",") if f))
    else:
        recipe = replace(recipe, dev=tuple(f for f in recipe.dev if f in recipe.holdout))
    for kv in args.set:
        key, value = kv.split("=", 1)
        v = json.loads(value)
        if key in ("pretrain", "finetune"):
            v = replace(getattr(recipe, key), **v)
        elif key == "net":
            v = NetConfig.from_json({**recipe.net.to_json(), **v})
        recipe = replace(recipe, **{key: v})
    unknown = set(recipe.holdout) - set(FAMILIES)
    if unknown:
        ap.error(f"unknown families {sorted(unknown)}; families are {', '.join(FAMILIES)}")

    cache = default_cache_dir()
    corpus_dir = args.corpus or os.path.join(cache, "corpus-smoke" if args.smoke else "corpus")
    if args.smoke:
        out_dir = args.out or os.path.join(tempfile.gettempdir(), "sotaque-smoke-model")
        parity_dir = os.path.join(out_dir, "parity")
    else:
        out_dir = args.out or SHIPPED_DIR
        parity_dir = SHIPPED_PARITY_DIR if os.path.abspath(out_dir) == SHIPPED_DIR else os.path.join(out_dir, "parity")
    if args.smoke and os.path.abspath(out_dir).startswith(os.path.abspath(os.path.join(ROOT, "public"))):
        ap.error("--smoke never writes into public/ (the shipped model)")
    if os.path.abspath(out_dir) == SHIPPED_DIR and (set(recipe.holdout) != {"awb", "rms"} or schedule != "full"):
        ap.error("public/models/phones holds the shipped model: full schedule, awb and rms held out; give --out for other runs")

    started = time.time()
    deadline = started + args.minutes * 60 if args.minutes else None
    rng = np.random.default_rng(recipe.seed)
    torch.manual_seed(recipe.seed)

    corpus = Corpus(corpus_dir, recipe.net.mel_bands)
    corpus_features = corpus.manifest.get("featureConfig")
    if corpus_features is not None and corpus_features != app_constants()["featureConfig"]:
        raise SystemExit(f"the corpus was built with other features ({corpus_features}) than src/dsp computes "
                         f"({app_constants()['featureConfig']}); rebuild it (npm run corpus)")
    train = corpus.select(exclude=set(recipe.holdout))
    dev = corpus.select(include=set(recipe.dev)) if recipe.dev else []
    if not train:
        raise SystemExit(f"no training utterances in {corpus_dir} after holding out {recipe.holdout}")
    # A fixed slice of training-family utterances for the within-family check (never for model choice).
    val = [train[i] for i in rng.permutation(len(train))[:200]]
    log(f"corpus {corpus_dir}: {len(corpus.utterances)} utterances; training on {len(train)} "
        f"({corpus.hours(train):.2f} h; families {sorted({u.family for u in train})}); held out {list(recipe.holdout)}; "
        f"contrast material {sum(is_contrast_material(u) for u in train)} utterances")

    net = PhoneNet(recipe.net)
    log(f"network: {sum(p.numel() for p in net.parameters())} parameters, context ±{recipe.net.context()} frames")
    cw = class_weights(corpus, train, recipe) if recipe.class_balance > 0 else None
    run_stage(net, recipe.pretrain, Sampler(corpus, train, recipe, rng, recipe.pretrain.contrast_weight), recipe, "pretrain", deadline, cw)
    check = [dev[i] for i in np.random.default_rng(7).permutation(len(dev))[:600]] if dev else val
    net.eval()
    after_pretrain = quick_eval(net, corpus, check)
    log(f"after pretraining: {'dev' if dev else 'check'} frame {after_pretrain['frameAccuracy']:.3f} segment {after_pretrain['segmentAccuracy']:.3f}")
    run_stage(net, recipe.finetune, Sampler(corpus, train, recipe, rng, recipe.finetune.contrast_weight), recipe, "finetune", deadline, cw)
    net.eval()

    evaluation: dict = {"protocol": "PyTorch float32 on the families named; the tfjs figures are in training/RESULTS.md (npm run eval)"}
    evaluation["withinTrainingFamilies"] = quick_eval(net, corpus, val)
    dev_eval = quick_eval(net, corpus, check)
    evaluation["afterPretraining"] = after_pretrain
    if dev:
        evaluation["dev"] = {"families": list(recipe.dev), **dev_eval}
    quant, measured = choose_quantisation(net, corpus, check, dev_eval["frameAccuracy"])
    evaluation["quantisation"] = {"chosen": quant, "frameAccuracy": measured, "on": list(recipe.dev) or "training-family slice"}
    log(f"within training families: frame {evaluation['withinTrainingFamilies']['frameAccuracy']:.3f}; "
        f"{'dev ' + ','.join(recipe.dev) if dev else 'check'}: frame {dev_eval['frameAccuracy']:.3f} segment {dev_eval['segmentAccuracy']:.3f}; "
        f"quantisation {quant} ({measured})")

    recipe_json = recipe.to_json() | {"schedule": schedule}
    rhash = recipe_hash(recipe_json, corpus.manifest_bytes)
    train_families = sorted({u.family for u in train})
    voices = sorted({str(u.meta.get("voice", u.family)) for u in train})
    meta = base_metadata(rhash, {"voices": voices, "families": train_families, "heldOutFamilies": list(recipe.holdout),
                                 "hours": round(corpus.hours(train), 3), "utterances": len(train)}, evaluation)
    meta["recipe"] = recipe_json
    meta["trainingSeconds"] = round(time.time() - started, 1)
    if os.path.isdir(out_dir) and os.path.abspath(out_dir) != SHIPPED_DIR:
        for name in ("model.json", "weights.bin", "metadata.json"):
            if os.path.exists(os.path.join(out_dir, name)):
                os.remove(os.path.join(out_dir, name))
    real = corpus.normalised(check[0])[:300]
    summary = export(net, out_dir, meta, quant, parity_inputs=[*parity_clips(bands=recipe.net.mel_bands), real], parity_dir=parity_dir)
    checkpoints = os.path.join(cache, "checkpoints")
    os.makedirs(checkpoints, exist_ok=True)
    torch.save({"net": recipe.net.to_json(), "state": net.state_dict(), "metadata": meta}, os.path.join(checkpoints, f"{rhash[:16]}.pt"))
    log(f"exported to {out_dir} ({summary['bytes']} bytes of weights, {quant}); parity fixture in {parity_dir}; "
        f"{time.time() - started:.0f} s in all")

    if not args.no_check:
        tsx = os.path.join(ROOT, "node_modules", ".bin", "tsx")
        status = subprocess.run([tsx, os.path.join(ROOT, "training", "eval", "checkExport.ts"), out_dir, parity_dir], cwd=ROOT).returncode
        if status != 0:
            raise SystemExit("the exported model failed its tfjs check (load or parity)")


if __name__ == "__main__":
    main()

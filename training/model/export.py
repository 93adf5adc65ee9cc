"""Export a trained PhoneNet to the tfjs layers format (docs/CONTRACTS.md, "Model files").

Written by hand because no converter is installable here. Produces, in one folder:
  model.json     tfjs `layers-model`: Keras-style Sequential topology + weightsManifest
  weights.bin    the weights, in manifest order (float32, float16 or uint8 affine-quantised)
  metadata.json  version, phones, featureConfig, normalisation, context, recipeHash, corpus, evaluation
  parity/        a fixture for the parity test: input features and the posteriors PyTorch computes
                 with exactly the weights written (dequantised), plus the float32 model's posteriors.

BatchNorm is folded into the convolutions; dropout is dropped (identity at inference). Layout is
converted from PyTorch NCHW/[out,in,kh,kw] to tfjs NHWC/[kh,kw,in,out]; Dense kernels are [in,out].
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime, timezone

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import NetConfig, PhoneNet, folded_conv  # noqa: E402

WEIGHTS_FILE = "weights.bin"
QUANTISATIONS = ("float32", "float16", "uint8")


def tfjs_weights(net: PhoneNet) -> list[tuple[str, np.ndarray]]:
    """(name, array in tfjs layout) for every weight of the exported model, in manifest order."""
    net = net.eval()
    out: list[tuple[str, np.ndarray]] = []
    for i, block in enumerate(net.blocks):
        w, b = folded_conv(block)
        out.append((f"conv{i + 1}/kernel", w.permute(2, 3, 1, 0).contiguous().numpy().astype(np.float32)))
        out.append((f"conv{i + 1}/bias", b.numpy().astype(np.float32)))
    for name, fc in (("dense1", net.fc1), ("dense2", net.fc2)):
        out.append((f"{name}/kernel", fc.weight.detach()[:, :, 0, 0].t().contiguous().numpy().astype(np.float32)))
        out.append((f"{name}/bias", fc.bias.detach().numpy().astype(np.float32)))
    return out


def quantise(arr: np.ndarray, dtype: str) -> tuple[bytes, dict | None, np.ndarray]:
    """Encode one weight; returns (bytes, manifest quantization entry, the values tfjs will decode)."""
    if dtype == "float32":
        return arr.astype("<f4").tobytes(), None, arr
    if dtype == "float16":
        h = arr.astype("<f2")
        return h.tobytes(), {"dtype": "float16"}, h.astype(np.float32)
    if dtype == "uint8":
        lo, hi = float(arr.min()), float(arr.max())
        # tfjs decodes v = q * scale + min; keep 0 exactly representable as the tfjs converter does.
        lo, hi = min(lo, 0.0), max(hi, 0.0)
        scale = (hi - lo) / 255.0 if hi > lo else 1.0
        zero = round(-lo / scale)
        lo = -zero * scale
        q = np.clip(np.round((arr - lo) / scale), 0, 255).astype(np.uint8)
        decoded = (q.astype(np.float32) * np.float32(scale) + np.float32(lo)).astype(np.float32)
        return q.tobytes(), {"dtype": "uint8", "min": lo, "scale": scale}, decoded
    raise ValueError(f"unknown quantisation {dtype!r}; expected one of {QUANTISATIONS}")


def _conv_layer(name: str, filters: int, kt: int, kf: int, dil: int) -> dict:
    return {
        "class_name": "Conv2D",
        "config": {
            "name": name, "trainable": True, "filters": filters, "kernel_size": [kt, kf], "strides": [1, 1],
            "padding": "same", "data_format": "channels_last", "dilation_rate": [dil, 1], "activation": "relu",
            "use_bias": True,
            "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1, "mode": "fan_avg", "distribution": "normal", "seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None,
        },
    }


def _dense_layer(name: str, units: int, activation: str) -> dict:
    return {
        "class_name": "Dense",
        "config": {
            "name": name, "trainable": True, "units": units, "activation": activation, "use_bias": True,
            "kernel_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1, "mode": "fan_avg", "distribution": "normal", "seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None,
        },
    }


def topology(cfg: NetConfig) -> dict:
    """Keras-style Sequential topology that tfjs-layers 4.22 deserialises (checked against its own save)."""
    layers: list[dict] = [{
        "class_name": "InputLayer",
        "config": {"name": "logmel", "batch_input_shape": [None, None, cfg.mel_bands, 1], "dtype": "float32", "sparse": False},
    }]
    channels = 1
    for i, (cout, kt, kf, dil, pool) in enumerate(cfg.convs):
        layers.append(_conv_layer(f"conv{i + 1}", cout, kt, kf, dil))
        channels = cout
        if pool > 1:
            layers.append({"class_name": "MaxPooling2D", "config": {
                "name": f"pool{i + 1}", "trainable": True, "pool_size": [1, pool], "strides": [1, pool],
                "padding": "valid", "data_format": "channels_last"}})
    layers.append({"class_name": "Reshape", "config": {"name": "frames", "trainable": True, "target_shape": [-1, cfg.head_bands() * channels]}})
    layers.append(_dense_layer("dense1", cfg.hidden, "relu"))
    layers.append(_dense_layer("dense2", cfg.classes, "softmax"))
    return {
        "class_name": "Sequential",
        "config": {"name": "sotaque_phones", "layers": layers},
        "keras_version": "tfjs-layers 4.22.0",
        "backend": "tensor_flow.js",
    }


class DecodedNet(torch.nn.Module):
    """Plain PyTorch forward pass over weights in tfjs layout: the reference for the parity test."""

    def __init__(self, cfg: NetConfig, weights: dict[str, np.ndarray]):
        super().__init__()
        self.cfg = cfg
        self.w = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in weights.items()}

    @torch.no_grad()
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = x.unsqueeze(1)
        for i, (_, kt, kf, dil, pool) in enumerate(self.cfg.convs):
            k = self.w[f"conv{i + 1}/kernel"].permute(3, 2, 0, 1)
            h = torch.nn.functional.conv2d(h, k, self.w[f"conv{i + 1}/bias"], padding=(dil * (kt - 1) // 2, (kf - 1) // 2), dilation=(dil, 1))
            h = torch.relu(h)
            if pool > 1:
                h = torch.nn.functional.max_pool2d(h, (1, pool), (1, pool))
        b, c, t, f = h.shape
        h = h.permute(0, 2, 3, 1).reshape(b, t, f * c)
        h = torch.relu(h @ self.w["dense1/kernel"] + self.w["dense1/bias"])
        return torch.softmax(h @ self.w["dense2/kernel"] + self.w["dense2/bias"], dim=-1)


def write_parity_fixture(pdir: str, net: PhoneNet, decoded: dict[str, np.ndarray], clips: list[np.ndarray], recipe_hash: str) -> dict:
    """Writes {clips.json, input.f32, expected.f32, float32.f32} into pdir; returns the summary."""
    os.makedirs(pdir, exist_ok=True)
    ref = DecodedNet(net.cfg, decoded)
    net = net.eval()
    inputs, expected, floats, entries = [], [], [], []
    worst = 0.0
    for clip in clips:
        x = torch.from_numpy(clip.astype(np.float32))[None]
        with torch.no_grad():
            p = ref(x)[0].numpy()
            pf = torch.softmax(net(x), dim=-1)[0].numpy()
        worst = max(worst, float(np.abs(p - pf).max()))
        entries.append({"frames": int(clip.shape[0])})
        inputs.append(clip.astype("<f4").ravel())
        expected.append(p.astype("<f4").ravel())
        floats.append(pf.astype("<f4").ravel())
    np.concatenate(inputs).tofile(os.path.join(pdir, "input.f32"))
    np.concatenate(expected).tofile(os.path.join(pdir, "expected.f32"))
    np.concatenate(floats).tofile(os.path.join(pdir, "float32.f32"))
    summary = {"clips": entries, "bands": int(clips[0].shape[1]), "classes": net.cfg.classes, "recipeHash": recipe_hash,
               "maxAbsDiffQuantisedVsFloat32": worst,
               "about": "input: normalised log-mel, clips concatenated (frames x bands, float32 LE); expected: "
                        "PyTorch posteriors with the weights exactly as written (dequantised); float32.f32: the "
                        "float32 PyTorch model's posteriors."}
    with open(os.path.join(pdir, "clips.json"), "w") as f:
        json.dump(summary, f, indent=2)
    return summary


def parity_clips(seed: int = 1234, bands: int = 64) -> list[np.ndarray]:
    """Deterministic inputs: a 157-frame and a 3-frame clip of unit-normal 'normalised log-mel'."""
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((157, bands)).astype(np.float32), rng.standard_normal((3, bands)).astype(np.float32)]


def export(net: PhoneNet, out_dir: str, metadata: dict, quantisation: str = "uint8",
           parity_inputs: list[np.ndarray] | None = None, parity_dir: str | None = None) -> dict:
    """Writes model.json, weights.bin, metadata.json into out_dir and the parity fixture into parity_dir
    (default out_dir/parity; the shipped model keeps it out of public/, see train.py); returns a summary."""
    os.makedirs(out_dir, exist_ok=True)
    blobs, specs, decoded = [], [], {}
    for name, arr in tfjs_weights(net):
        data, quant, dec = quantise(arr, quantisation)
        spec = {"name": name, "shape": list(arr.shape), "dtype": "float32"}
        if quant is not None:
            spec["quantization"] = quant
        specs.append(spec)
        blobs.append(data)
        decoded[name] = dec
    weights = b"".join(blobs)
    with open(os.path.join(out_dir, WEIGHTS_FILE), "wb") as f:
        f.write(weights)
    model_json = {
        "format": "layers-model",
        "generatedBy": "sotaque training/model/export.py",
        "convertedBy": None,
        "modelTopology": topology(net.cfg),
        "weightsManifest": [{"paths": [WEIGHTS_FILE], "weights": specs}],
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(model_json, f, indent=1)
    meta = dict(metadata)
    meta.setdefault("context", {"left": net.cfg.context(), "right": net.cfg.context()})
    meta.setdefault("created", datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    meta["weights"] = {"quantisation": quantisation, "bytes": len(weights), "parameters": int(sum(a.size for a in decoded.values()))}
    with open(os.path.join(out_dir, "metadata.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    parity = write_parity_fixture(parity_dir or os.path.join(out_dir, "parity"), net, decoded,
                                  parity_inputs or parity_clips(bands=net.cfg.mel_bands), meta["recipeHash"])
    return {"bytes": len(weights), "parity": parity}


def main() -> None:
    ap = argparse.ArgumentParser(description="Export a checkpoint (or a random model) to tfjs layers format.")
    ap.add_argument("--checkpoint", help="checkpoint.pt written by train.py")
    ap.add_argument("--random", action="store_true", help="export a randomly initialised network (format tests)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--quantisation", choices=QUANTISATIONS, default="uint8")
    ap.add_argument("--parity-dir", help="where the parity fixture goes (default OUT/parity)")
    args = ap.parse_args()
    torch.manual_seed(0)
    if args.checkpoint:
        ckpt = torch.load(args.checkpoint, map_location="cpu")
        net = PhoneNet(NetConfig.from_json(ckpt["net"]))
        net.load_state_dict(ckpt["state"])
        metadata = ckpt["metadata"]
    elif args.random:
        net = PhoneNet()
        # Give BatchNorm non-trivial statistics so folding is exercised.
        for block in net.blocks:
            block.bn.running_mean.uniform_(-0.2, 0.2)
            block.bn.running_var.uniform_(0.5, 2.0)
            block.bn.weight.data.uniform_(0.5, 1.5)
            block.bn.bias.data.uniform_(-0.1, 0.1)
        net.fc2.weight.data *= 40.0  # peaked posteriors, so parity is not trivially met by near-uniform outputs
        from metadata import base_metadata  # noqa: E402
        metadata = base_metadata(recipe_hash="random", corpus={"voices": [], "hours": 0, "utterances": 0}, evaluation={})
    else:
        ap.error("give --checkpoint or --random")
    summary = export(net, args.out, metadata, args.quantisation, parity_dir=args.parity_dir)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()

"""Reading the feature corpus (training/CORPUS-FORMAT.md) and sampling training batches.

The corpus holds raw log-mel (float32, 64 per frame) and frame labels (uint8 phone index) in shards,
with one JSON line per utterance in index.jsonl. Normalisation is per utterance and per mel band,
exactly src/dsp's `normalise`: (x − mean) / sqrt(var + 1e-5), population variance over all frames of
the utterance, computed in float64 like the TypeScript.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

import numpy as np

NORMALISE_EPSILON = 1e-5
FAMILIES = ("espeak", "kal", "ked", "slt", "awb", "rms")


def default_cache_dir() -> str:
    return os.environ.get("SOTAQUE_CACHE", os.path.join(os.path.expanduser("~"), ".cache", "sotaque"))


def normalise(x: np.ndarray) -> np.ndarray:
    """src/dsp normalise(): per band over the frames given, float64 statistics, float32 result."""
    if x.shape[0] == 0:
        return x.astype(np.float32)
    x64 = x.astype(np.float64)
    mean = x64.mean(axis=0)
    var = ((x64 - mean) ** 2).mean(axis=0)
    return ((x64 - mean) * (1.0 / np.sqrt(var + NORMALISE_EPSILON))).astype(np.float32)


@dataclass
class Utterance:
    index: int
    id: str
    family: str
    shard: int
    offset: int
    frames: int
    meta: dict


class Corpus:
    """A feature corpus on disk: manifest.json, index.jsonl, shard-NNNN.f32 / shard-NNNN.u8."""

    def __init__(self, directory: str, bands: int = 64):
        self.dir = directory
        self.bands = bands
        manifest_path = os.path.join(directory, "manifest.json")
        index_files = [os.path.join(directory, "index.jsonl")]
        if os.path.exists(manifest_path):
            with open(manifest_path, "rb") as f:
                self.manifest_bytes = f.read()
            self.manifest = json.loads(self.manifest_bytes)
        elif os.path.isdir(directory) and any(n.endswith(".jsonl") and n.startswith("shard-") for n in os.listdir(directory)):
            # An unfinished build folder (<corpus>.build-<hash>): its finished shards, for development only.
            index_files = sorted(os.path.join(directory, n) for n in os.listdir(directory)
                                 if n.startswith("shard-") and n.endswith(".jsonl")
                                 and os.path.exists(os.path.join(directory, n[:-6] + ".u8")))
            self.manifest_bytes = b"partial:" + "\n".join(os.path.basename(p) for p in index_files).encode()
            self.manifest = {"partial": True}
        else:
            raise FileNotFoundError(f"no corpus at {directory} (manifest.json missing); build it first (npm run corpus, or corpus:smoke)")
        self.utterances: list[Utterance] = []
        for path in index_files:
            with open(path) as f:
                for line in f:
                    if not line.strip():
                        continue
                    m = json.loads(line)
                    self.utterances.append(Utterance(len(self.utterances), str(m["id"]), str(m["family"]), int(m["shard"]),
                                                     int(m["frameOffset"]), int(m["frames"]), m))
        self._feats: dict[int, np.ndarray] = {}
        self._labels: dict[int, np.ndarray] = {}
        self._norm: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def _shard(self, shard: int) -> tuple[np.ndarray, np.ndarray]:
        if shard not in self._feats:
            base = os.path.join(self.dir, f"shard-{shard:04d}")
            self._feats[shard] = np.memmap(base + ".f32", dtype="<f4", mode="r").reshape(-1, self.bands)
            self._labels[shard] = np.memmap(base + ".u8", dtype=np.uint8, mode="r")
        return self._feats[shard], self._labels[shard]

    def raw(self, u: Utterance) -> np.ndarray:
        feats, _ = self._shard(u.shard)
        return np.asarray(feats[u.offset:u.offset + u.frames])

    def labels(self, u: Utterance) -> np.ndarray:
        _, labels = self._shard(u.shard)
        return np.asarray(labels[u.offset:u.offset + u.frames]).astype(np.int64)

    def norm_stats(self, u: Utterance) -> tuple[np.ndarray, np.ndarray]:
        """(mean, 1/sqrt(var + eps)) over the whole utterance, float64, as src/dsp computes them."""
        if u.index not in self._norm:
            x = self.raw(u).astype(np.float64)
            mean = x.mean(axis=0)
            var = ((x - mean) ** 2).mean(axis=0)
            self._norm[u.index] = (mean, 1.0 / np.sqrt(var + NORMALISE_EPSILON))
        return self._norm[u.index]

    def normalised(self, u: Utterance, start: int = 0, end: int | None = None) -> np.ndarray:
        """Frames [start, end) of the utterance, normalised with statistics of the whole utterance."""
        end = u.frames if end is None else end
        mean, inv = self.norm_stats(u)
        feats, _ = self._shard(u.shard)
        x = np.asarray(feats[u.offset + start:u.offset + end]).astype(np.float64)
        return ((x - mean) * inv).astype(np.float32)

    def families(self) -> list[str]:
        return sorted({u.family for u in self.utterances})

    def select(self, include: set[str] | None = None, exclude: set[str] | None = None) -> list[Utterance]:
        return [u for u in self.utterances
                if (include is None or u.family in include) and (exclude is None or u.family not in exclude)]

    def hours(self, utts: list[Utterance], hop_seconds: float = 0.01) -> float:
        return sum(u.frames for u in utts) * hop_seconds / 3600.0

"""metadata.json contents (docs/CONTRACTS.md) and the recipe hash."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from functools import lru_cache

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
METADATA_VERSION = 1


@lru_cache(maxsize=1)
def app_constants() -> dict:
    """{phones, featureConfig} read from src/model/phones.ts and src/dsp (the single sources of truth)."""
    tsx = os.path.join(ROOT, "node_modules", ".bin", "tsx")
    out = subprocess.run([tsx, os.path.join(HERE, "appConstants.ts")], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def recipe_hash(recipe: dict, corpus_manifest_bytes: bytes) -> str:
    """sha256 over the training code (training/model/*.py), the recipe settings and the corpus manifest."""
    h = hashlib.sha256()
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".py"):
            h.update(name.encode())
            with open(os.path.join(HERE, name), "rb") as f:
                h.update(f.read())
    h.update(json.dumps(recipe, sort_keys=True).encode())
    h.update(corpus_manifest_bytes)
    return h.hexdigest()


def base_metadata(recipe_hash: str, corpus: dict, evaluation: dict) -> dict:
    consts = app_constants()
    return {
        "version": f"{METADATA_VERSION}.0.0+{recipe_hash[:8]}",
        "phones": consts["phones"],
        "featureConfig": consts["featureConfig"],
        "normalisation": "per-band",
        "recipeHash": recipe_hash,
        "corpus": corpus,
        "evaluation": evaluation,
    }

"""Writes tuxpaint.tsv, the committed transcripts of the Tux Paint clips used for evaluation (run once
by hand: /usr/bin/python3 training/real/pick_tuxpaint.py > training/real/tuxpaint.tsv).

The package's text ("A red kangaroo.") is not always what the clip says ("kangaroo"). For each clip
the transcript is chosen from the package's own words, without the article: PocketSphinx decodes the
clip with a grammar of [article] [adjectives] noun, built from the .txt (and the file name where the
two differ, "chimp" / "chimpanzee"), and the words it finds are the transcript. Letter and digit
names (en_GB) are deduplicated by content (the filled/outlined and upper/lower-case stamps share a
recording). The package does not name the accent of the stamp descriptions' voice; they are filed as
"us" (the British recordings are the separate en_GB ones). A letter's transcript is the letter ("z"), and British "zed" is accepted by the scorer
as a variant, never written here. Clips whose noun CMUdict lacks are listed in comments.
"""
import glob
import hashlib
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from align import config  # noqa: E402
from pocketsphinx.pocketsphinx import Decoder  # noqa: E402

STAMPS = "/usr/share/tuxpaint/stamps"
DICT = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
ARTICLES = {"a", "an", "the", "two"}
SPLIT = {"mountaingoat": "mountain goat", "wildboar": "wild boar", "tucan": "toucan"}


def words_of(text: str) -> list[str]:
    return [w.strip(".,").lower() for w in text.split() if w.strip(".,")]


def decode(wav: bytes, grammar: str, tmp: str) -> str | None:
    g = os.path.join(tmp, "g.jsgf")
    with open(g, "w") as f:
        f.write("#JSGF V1.0;\ngrammar g;\npublic <s> = " + grammar + ";\n")
    d = Decoder(config(tmp, **{"-dict": DICT, "-jsgf": g}))
    d.start_utt()
    d.process_raw(wav, False, True)
    d.end_utt()
    h = d.hyp()
    return h.hypstr if h else None


def pcm(path: str) -> bytes:
    return subprocess.run(["ffmpeg", "-loglevel", "error", "-i", path, "-ac", "1", "-ar", "16000", "-f", "s16le", "-"], check=True, capture_output=True).stdout


def main() -> None:
    known = set()
    with open(DICT) as f:
        for line in f:
            known.add(line.split()[0].split("(")[0])
    out = ["# file\ttranscript\taccent\tpackage text (Tux Paint clips; evaluation only; made by pick_tuxpaint.py)"]
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(glob.glob(f"{STAMPS}/**/*_desc.ogg", recursive=True)):
            rel = os.path.relpath(path, STAMPS)
            stem = path[: -len("_desc.ogg")]
            name = os.path.basename(stem)
            txt = stem + ".txt"
            package = open(txt).readline().strip() if os.path.exists(txt) else name
            ws = [w for w in words_of(SPLIT.get(package.lower().strip("."), package)) if w not in ARTICLES]
            ws = words_of(" ".join(SPLIT.get(w, w) for w in ws))
            noun = ws[-1].rstrip("s") if ws[-1].endswith("s") and ws[-1].rstrip("s") in known else ws[-1]
            nouns = {noun, ws[-1]} | ({SPLIT.get(name, name)} if SPLIT.get(name, name) != noun else set())
            nouns = {n for n in nouns if all(p in known for p in n.split())}
            if not nouns:
                out.append(f"# {rel}\t(not in CMUdict: {' '.join(ws)})")
                continue
            adjectives = ws[:-1]
            grammar = "[ a | an | two ] " + " ".join(f"[ {a} ]" for a in adjectives if a in known) + " ( " + " | ".join(sorted(nouns)) + " )"
            hyp = decode(pcm(path), grammar, tmp)
            words = [w for w in (hyp or "").split() if w not in ARTICLES]
            if not words:
                out.append(f"# {rel}\t(no decode)\t{package}")
                continue
            out.append(f"{rel}\t{' '.join(words)}\tus\t{package}")
        seen = set()
        for path in sorted(glob.glob(f"{STAMPS}/symbols/**/*_en_GB.ogg", recursive=True)):
            digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            rel = os.path.relpath(path, STAMPS)
            symbol = os.path.basename(path).split("_")[0].lower()
            if symbol.isdigit():
                names = {"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine"}
                word = names[symbol]
            else:
                word = symbol
            out.append(f"{rel}\t{word}\tgb\t{symbol}")
    print("\n".join(out))


if __name__ == "__main__":
    main()

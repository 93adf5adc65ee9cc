"""Phone alignment of real recordings with CMU Sphinx (Debian pocketsphinx + pocketsphinx-en-us).

Reads JSON lines on stdin, one per utterance:
  {"id": ..., "wav": "/abs/16k-mono.wav", "words": [[["DH","AE","T"], ["DH","AH","T"]], ...]}
(every CMUdict pronunciation of each word) and writes one JSON line per utterance to stdout:
  {"id", "frames", "phones": [{"phone", "word", "variant", "startFrame", "endFrame"}],
   "alignedScore", "phoneLoopScore"}   or   {"id", "error"}.

Alignment, not recognition: each phone of each pronunciation is its own dictionary word, and a
fixed-sequence JSGF grammar allows [silence] word [silence] word … [silence], one pronunciation per
word. Fillers are off, so silence can only fall between words. A second pass decodes the same audio
with the free phone loop over context-independent phones (-allphone_ci; the context-dependent loop
takes over ten times real time here); the per-frame difference of the two acoustic scores is the
quality measure the corpus uses to reject poor alignments. A fresh decoder per utterance: the Debian
build carries state between utterances otherwise (and -remove_noise/-remove_silence are off).
"""
import json
import os
import sys
import tempfile
import wave

from pocketsphinx.pocketsphinx import Decoder

MODEL = "/usr/share/pocketsphinx/model/en-us/en-us"
PHONE_LM = "/usr/share/pocketsphinx/model/en-us/en-us-phone.lm.bin"


def config(tmp: str, **extra):
    c = Decoder.default_config()
    c.set_string("-hmm", MODEL)
    c.set_string("-logfn", os.devnull)
    c.set_boolean("-remove_noise", False)
    c.set_boolean("-remove_silence", False)
    c.set_boolean("-bestpath", False)
    for key, value in extra.items():
        if isinstance(value, bool):
            c.set_boolean(key, value)
        elif isinstance(value, float):
            c.set_float(key, value)
        else:
            c.set_string(key, value)
    return c


def token(w: int, v: int, p: int) -> str:
    return f"w{w}v{v}p{p}"


def align(item: dict, tmp: str) -> dict:
    words = item["words"]
    lines, alts = ["SIL_ SIL"], []
    for w, variants in enumerate(words):
        options = []
        for v, phones in enumerate(variants):
            for p, phone in enumerate(phones):
                lines.append(f"{token(w, v, p)} {phone}")
            options.append("( " + " ".join(token(w, v, p) for p in range(len(phones))) + " )")
        alts.append("( " + " | ".join(options) + " )")
    dict_path = os.path.join(tmp, "u.dict")
    gram_path = os.path.join(tmp, "u.jsgf")
    with open(dict_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(gram_path, "w") as f:
        f.write("#JSGF V1.0;\ngrammar u;\npublic <s> = [ SIL_ ] " + " [ SIL_ ] ".join(alts) + " [ SIL_ ];\n")
    with wave.open(item["wav"]) as w:
        if w.getframerate() != 16000 or w.getnchannels() != 1 or w.getsampwidth() != 2:
            return {"id": item["id"], "error": "expected 16 kHz mono 16-bit audio"}
        audio = w.readframes(w.getnframes())
    d = Decoder(config(tmp, **{"-dict": dict_path, "-jsgf": gram_path, "-fsgusefiller": False}))
    d.start_utt()
    d.process_raw(audio, False, True)
    d.end_utt()
    hyp = d.hyp()
    if hyp is None or not hyp.hypstr:
        return {"id": item["id"], "error": "the grammar's final state was not reached"}
    phones, aligned = [], 0
    for s in d.seg():
        aligned += s.ascore
        if s.word == "SIL_":
            phones.append({"phone": "SIL", "word": None, "variant": None, "startFrame": s.start_frame, "endFrame": s.end_frame})
        elif s.word.startswith("w"):
            w_, rest = s.word[1:].split("v")
            v_, p_ = rest.split("p")
            phone = words[int(w_)][int(v_)][int(p_)]
            phones.append({"phone": phone, "word": int(w_), "variant": int(v_), "startFrame": s.start_frame, "endFrame": s.end_frame})
    frames = d.n_frames()
    loop = Decoder(config(tmp, **{"-allphone": PHONE_LM, "-lw": 2.0, "-allphone_ci": True, "-beam": 1e-20, "-pbeam": 1e-20}))
    loop.start_utt()
    loop.process_raw(audio, False, True)
    loop.end_utt()
    loop_score = sum(s.ascore for s in loop.seg())
    return {"id": item["id"], "frames": frames, "phones": phones, "alignedScore": aligned, "phoneLoopScore": loop_score}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for line in sys.stdin:
            if not line.strip():
                continue
            item = json.loads(line)
            try:
                out = align(item, tmp)
            except Exception as e:  # one bad utterance must not stop the batch
                out = {"id": item.get("id"), "error": f"{type(e).__name__}: {e}"}
            sys.stdout.write(json.dumps(out) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()

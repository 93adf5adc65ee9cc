#!/usr/bin/python3
"""Reference runs of Debian's pocketsphinx for the parity tests of src/sphinx (the old SWIG API).

  reference.py align RAW PHONE...   forced alignment of a phone sequence (one phone per word, a
                                    fixed-sequence JSGF grammar, optional silence between words):
                                    prints JSON [{"word", "start", "end"}] in frames (end inclusive)
  reference.py senones RAW OUTDIR   the same decode with -compallsen yes and -senlogdir OUTDIR:
                                    writes OUTDIR/<uttid>.sen with every senone's score per frame

RAW is 16 kHz mono int16 little-endian. The whole clip is one utterance (batch CMN, as the app).
Noise removal and the VAD are off, and the beams wide, so the decode is a plain Viterbi alignment.
"""
import json
import os
import sys
import tempfile

from pocketsphinx.pocketsphinx import Decoder

MODEL = '/usr/share/pocketsphinx/model/en-us/en-us'


def decoder(phones, senlogdir=None):
    words = sorted(set(phones))
    tmp = tempfile.mkdtemp(prefix='sotaque-sphinx-')
    dict_path = os.path.join(tmp, 'phones.dict')
    with open(dict_path, 'w') as f:
        for w in words:
            f.write('ph_%s %s\n' % (w.lower(), w))
    gram_path = os.path.join(tmp, 'seq.gram')
    with open(gram_path, 'w') as f:
        f.write('#JSGF V1.0;\ngrammar seq;\npublic <s> = %s;\n' % ' '.join('ph_%s' % p.lower() for p in phones))
    config = Decoder.default_config()
    config.set_string('-hmm', MODEL)
    config.set_string('-dict', dict_path)
    config.set_string('-jsgf', gram_path)
    config.set_boolean('-remove_noise', False)
    config.set_boolean('-remove_silence', False)
    config.set_float('-beam', 1e-200)
    config.set_float('-pbeam', 1e-200)
    config.set_float('-wbeam', 1e-200)
    config.set_int('-maxhmmpf', -1)
    config.set_boolean('-bestpath', False)
    config.set_string('-logfn', '/dev/null')
    if senlogdir:
        os.makedirs(senlogdir, exist_ok=True)
        config.set_boolean('-compallsen', True)
        config.set_string('-senlogdir', senlogdir)
    return Decoder(config)


def run(raw_path, phones, senlogdir=None):
    d = decoder(phones, senlogdir)
    with open(raw_path, 'rb') as f:
        data = f.read()
    d.start_utt()
    d.process_raw(data, False, True)
    d.end_utt()
    return d


def main(argv):
    if len(argv) >= 3 and argv[0] == 'align':
        d = run(argv[1], argv[2:])
        segs = [{'word': s.word, 'start': s.start_frame, 'end': s.end_frame} for s in d.seg()]
        print(json.dumps({'frames': d.n_frames(), 'segments': segs}))
    elif len(argv) == 3 and argv[0] == 'senones':
        d = run(argv[1], ['AH'], argv[2])
        print(json.dumps({'frames': d.n_frames()}))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

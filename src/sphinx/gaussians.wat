;; Diagonal-Gaussian log-likelihoods of one 13-dim stream vector, four dims at a time (WASM SIMD).
;;
;; Memory layout (all f32, little-endian, set up by gaussianKernel.ts):
;;   x:   16 floats, the stream vector padded with zeros (dims 13..15)
;;   g:   per Gaussian 32 floats: 16 means, then 16 precisions (padded with zeros), 128 bytes
;;   det: per Gaussian 1 float
;;   out: per Gaussian 1 float
;; scores: out[i] = det[i] − Σ_k prec[i][k]·(x[k] − mean[i][k])²  (pocketsphinx's units of ln b; ptm_mgau.c)
;; top4:   per codebook of `per` consecutive scores, the 4 best (descending) and their codeword ids,
;;         into topScore (4 f32 per codebook) and topIdx (4 i32 per codebook); −inf / 0 when fewer.
(module
  (memory (export "memory") 1)
  (func (export "scores") (param $x i32) (param $g i32) (param $det i32) (param $n i32) (param $out i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $e v128) (local $acc v128) (local $end i32)
    (local.set $x0 (v128.load (local.get $x)))
    (local.set $x1 (v128.load offset=16 (local.get $x)))
    (local.set $x2 (v128.load offset=32 (local.get $x)))
    (local.set $x3 (v128.load offset=48 (local.get $x)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
      (loop $next
        (local.set $e (f32x4.sub (local.get $x0) (v128.load (local.get $g))))
        (local.set $acc (f32x4.mul (f32x4.mul (local.get $e) (local.get $e)) (v128.load offset=64 (local.get $g))))
        (local.set $e (f32x4.sub (local.get $x1) (v128.load offset=16 (local.get $g))))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (f32x4.mul (local.get $e) (local.get $e)) (v128.load offset=80 (local.get $g)))))
        (local.set $e (f32x4.sub (local.get $x2) (v128.load offset=32 (local.get $g))))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (f32x4.mul (local.get $e) (local.get $e)) (v128.load offset=96 (local.get $g)))))
        (local.set $e (f32x4.sub (local.get $x3) (v128.load offset=48 (local.get $g))))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (f32x4.mul (local.get $e) (local.get $e)) (v128.load offset=112 (local.get $g)))))
        (f32.store (local.get $out)
          (f32.sub (f32.load (local.get $det))
            (f32.add
              (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
              (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
        (local.set $g (i32.add (local.get $g) (i32.const 128)))
        (local.set $det (i32.add (local.get $det) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br_if $next (i32.lt_u (local.get $out) (local.get $end))))))
  (func (export "top4") (param $scores i32) (param $books i32) (param $per i32) (param $topScore i32) (param $topIdx i32)
    (local $b i32) (local $cw i32) (local $v f32)
    (local $s0 f32) (local $s1 f32) (local $s2 f32) (local $s3 f32)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32)
    (block $booksDone
      (br_if $booksDone (i32.eqz (local.get $books)))
      (loop $book
        (local.set $s0 (f32.const -inf)) (local.set $s1 (f32.const -inf))
        (local.set $s2 (f32.const -inf)) (local.set $s3 (f32.const -inf))
        (local.set $i0 (i32.const 0)) (local.set $i1 (i32.const 0))
        (local.set $i2 (i32.const 0)) (local.set $i3 (i32.const 0))
        (local.set $cw (i32.const 0))
        (loop $next
          (local.set $v (f32.load (i32.add (local.get $scores) (i32.shl (local.get $cw) (i32.const 2)))))
          (if (f32.gt (local.get $v) (local.get $s3))
            (then
              (if (f32.gt (local.get $v) (local.get $s2))
                (then
                  (local.set $s3 (local.get $s2)) (local.set $i3 (local.get $i2))
                  (if (f32.gt (local.get $v) (local.get $s1))
                    (then
                      (local.set $s2 (local.get $s1)) (local.set $i2 (local.get $i1))
                      (if (f32.gt (local.get $v) (local.get $s0))
                        (then
                          (local.set $s1 (local.get $s0)) (local.set $i1 (local.get $i0))
                          (local.set $s0 (local.get $v)) (local.set $i0 (local.get $cw)))
                        (else (local.set $s1 (local.get $v)) (local.set $i1 (local.get $cw)))))
                    (else (local.set $s2 (local.get $v)) (local.set $i2 (local.get $cw)))))
                (else (local.set $s3 (local.get $v)) (local.set $i3 (local.get $cw))))))
          (local.set $cw (i32.add (local.get $cw) (i32.const 1)))
          (br_if $next (i32.lt_u (local.get $cw) (local.get $per))))
        (f32.store (local.get $topScore) (local.get $s0))
        (f32.store offset=4 (local.get $topScore) (local.get $s1))
        (f32.store offset=8 (local.get $topScore) (local.get $s2))
        (f32.store offset=12 (local.get $topScore) (local.get $s3))
        (i32.store (local.get $topIdx) (local.get $i0))
        (i32.store offset=4 (local.get $topIdx) (local.get $i1))
        (i32.store offset=8 (local.get $topIdx) (local.get $i2))
        (i32.store offset=12 (local.get $topIdx) (local.get $i3))
        (local.set $scores (i32.add (local.get $scores) (i32.shl (local.get $per) (i32.const 2))))
        (local.set $topScore (i32.add (local.get $topScore) (i32.const 16)))
        (local.set $topIdx (i32.add (local.get $topIdx) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $book (i32.lt_u (local.get $b) (local.get $books))))))
)

// Log-mel spectrogram of a whole clip in one dispatch: one workgroup per frame.
//
// Frame f covers samples [f·HOP, f·HOP + FRAME_LENGTH) (docs/CONTRACTS.md: no padding). Each workgroup:
//   1. Loads its frame multiplied by the periodic Hann window (a table from src/dsp), zero-pads it
//      to FFT_SIZE, and stores it as complex numbers (imaginary part 0) in bit-reversed order in
//      workgroup memory.
//   2. Runs an iterative radix-2 decimation-in-time FFT in place: log2(FFT_SIZE) stages of
//      FFT_SIZE/2 butterflies, spread over the workgroup's invocations, with a barrier between
//      stages. Twiddles e^(−2πik/FFT_SIZE) come from a table computed in float64 on the CPU, so
//      the only float32 error is the butterflies' own rounding.
//   3. Power |X[k]|² for k = 0…FFT_SIZE/2 (unscaled).
//   4. Mel projection: band b sums weight[b][k]·power[k] over the bins where its triangle is non-zero
//      (the dense `melFilterbankDense` matrix from src/dsp plus each band's [first, end) bin range),
//      then writes ln(energy + LOG_OFFSET) to out[f·MEL_BANDS + b].
//
// Workgroups form a 2-D grid (a clip may have more frames than one dispatch dimension allows):
// frame = id.x + id.y · num_workgroups.x; workgroups past the last frame return at once.
// All sizes are override constants set by melProgram.ts from the FeatureConfig; the frame count
// of the clip is a uniform.

override FFT_SIZE: u32;
override FRAME_LENGTH: u32;
override HOP: u32;
override MEL_BANDS: u32;
override LOG_OFFSET: f32;
override WORKGROUP_SIZE: u32;

override HALF_FFT: u32 = FFT_SIZE / 2u;
override BINS: u32 = FFT_SIZE / 2u + 1u;

struct MelParams {
  frames: u32,
}

@group(0) @binding(0) var<uniform> params: MelParams;
@group(0) @binding(1) var<storage, read> samples: array<f32>;
@group(0) @binding(2) var<storage, read> hann: array<f32>;             // FRAME_LENGTH
@group(0) @binding(3) var<storage, read> twiddles: array<vec2<f32>>;   // HALF_FFT: (cos, −sin)(2πk/FFT_SIZE)
@group(0) @binding(4) var<storage, read> melWeights: array<f32>;       // MEL_BANDS × BINS, row-major
@group(0) @binding(5) var<storage, read> bandRanges: array<vec2<u32>>; // MEL_BANDS: [first, end) bins
@group(0) @binding(6) var<storage, read_write> logMel: array<f32>;     // frames × MEL_BANDS, row-major

var<workgroup> spectrum: array<vec2<f32>, FFT_SIZE>;
var<workgroup> power: array<f32, BINS>;

fn complexMul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(
  @builtin(workgroup_id) group: vec3<u32>,
  @builtin(num_workgroups) grid: vec3<u32>,
  @builtin(local_invocation_index) lane: u32,
) {
  let frame = group.x + group.y * grid.x;
  if (frame >= params.frames) {
    return;
  }
  let log2Size = countTrailingZeros(FFT_SIZE);
  let start = frame * HOP;

  // 1. Windowed, zero-padded frame in bit-reversed order.
  for (var n = lane; n < FFT_SIZE; n += WORKGROUP_SIZE) {
    var x = 0.0;
    if (n < FRAME_LENGTH) {
      x = samples[start + n] * hann[n];
    }
    spectrum[reverseBits(n) >> (32u - log2Size)] = vec2<f32>(x, 0.0);
  }
  workgroupBarrier();

  // 2. Radix-2 DIT stages: butterflies of span `half` pair element i with i + half.
  for (var stage = 0u; stage < log2Size; stage++) {
    let half = 1u << stage;
    let twiddleStride = FFT_SIZE >> (stage + 1u);
    for (var b = lane; b < HALF_FFT; b += WORKGROUP_SIZE) {
      let offset = b & (half - 1u);
      let i = ((b >> stage) << (stage + 1u)) + offset;
      let j = i + half;
      let t = complexMul(twiddles[offset * twiddleStride], spectrum[j]);
      let u = spectrum[i];
      spectrum[i] = u + t;
      spectrum[j] = u - t;
    }
    workgroupBarrier();
  }

  // 3. Power of the non-negative frequencies.
  for (var k = lane; k < BINS; k += WORKGROUP_SIZE) {
    let c = spectrum[k];
    power[k] = c.x * c.x + c.y * c.y;
  }
  workgroupBarrier();

  // 4. Mel projection and log.
  for (var band = lane; band < MEL_BANDS; band += WORKGROUP_SIZE) {
    let range = bandRanges[band];
    let row = band * BINS;
    var energy = 0.0;
    for (var k = range.x; k < range.y; k++) {
      energy += melWeights[row + k] * power[k];
    }
    logMel[frame * MEL_BANDS + band] = log(energy + LOG_OFFSET);
  }
}

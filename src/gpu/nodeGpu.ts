/**
 * WebGPU in Node, for tests only (never imported by the app): Dawn from the npm `webgpu` package on
 * Chromium's SwiftShader Vulkan driver (TESTING.md, "WGSL in Node"). Sets `VK_ICD_FILENAMES` when it
 * is unset and the driver is at its Debian path, then installs the WebGPU globals
 * (`GPUBufferUsage`, `GPUMapMode`, …) that browser code expects.
 *
 * The GPU object is created once per process and held here for good: Dawn for Node tears its instance
 * down when that object is garbage-collected, and a device still in use then crashes the process.
 */

/** Where Debian's chromium package puts SwiftShader's Vulkan ICD. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** A GPU with an adapter, or why there is none. */
export type NodeGpu = { readonly ok: true; readonly gpu: GPU; readonly adapter: GPUAdapter } | { readonly ok: false; readonly reason: string };

/** True when GPU tests must run rather than skip (CI, or SOTAQUE_REQUIRE_GPU set). */
export function gpuRequired(): boolean {
  return Boolean(process.env.CI || process.env.SOTAQUE_REQUIRE_GPU);
}

let loaded: Promise<NodeGpu> | null = null;

/** Loads Dawn (once per process) and asks it for an adapter. Never throws. */
export function nodeGpu(): Promise<NodeGpu> {
  loaded ??= loadNodeGpu();
  return loaded;
}

async function loadNodeGpu(): Promise<NodeGpu> {
  const { existsSync } = await import('node:fs');
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const icd = process.env.VK_ICD_FILENAMES ?? '(unset)';
  try {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    const gpu = create([]);
    const adapter = await gpu.requestAdapter();
    if (!adapter) {
      return { ok: false, reason: `Dawn found no WebGPU adapter (VK_ICD_FILENAMES=${icd}; install chromium for SwiftShader)` };
    }
    return { ok: true, gpu, adapter };
  } catch (error) {
    return { ok: false, reason: `npm webgpu failed to load or start (VK_ICD_FILENAMES=${icd}): ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * `describe(name, body)` over Node WebGPU. Without an adapter it fails loudly when `gpuRequired()`
 * (CI, SOTAQUE_REQUIRE_GPU) and otherwise skips with a console message. An adapter yields one device,
 * so `body` requests its own adapters from `gpu`.
 */
export async function describeWithGpu(name: string, body: (gpu: GPU) => void): Promise<void> {
  const { describe, it } = await import('vitest');
  const node = await nodeGpu();
  if (node.ok) {
    describe(name, () => body(node.gpu));
  } else if (gpuRequired()) {
    describe(name, () => {
      it('has a WebGPU adapter (required: CI or SOTAQUE_REQUIRE_GPU is set)', () => {
        throw new Error(`no WebGPU in Node: ${node.reason}`);
      });
    });
  } else {
    console.warn(`[src/gpu] skipping "${name}": ${node.reason}. Set SOTAQUE_REQUIRE_GPU=1 to make this a failure.`);
    describe.skip(name, () => {
      it('needs WebGPU in Node', () => undefined);
    });
  }
}

/** A fresh device from a fresh adapter of `gpu`; throws when there is none. */
export async function requestTestDevice(gpu: GPU): Promise<GPUDevice> {
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('Dawn found no WebGPU adapter');
  return adapter.requestDevice();
}

import { describe, expect, it } from 'vitest';
import { pathSentence } from './LogMelCanvas';

describe('pathSentence', () => {
  it('names the path and gives the extractor’s reason once', () => {
    expect(pathSentence('webgpu', 'WebGPU on swiftshader')).toBe('Computed on the GPU: WebGPU on swiftshader.');
    expect(pathSentence('cpu', 'CPU: this browser has no WebGPU (navigator.gpu is undefined).')).toBe(
      'Computed on the CPU: this browser has no WebGPU (navigator.gpu is undefined).',
    );
    expect(pathSentence('cpu', '')).toBe('Computed on the CPU.');
  });
});

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExample, readIndex, SHARD_BANDS, shardName, ShardWriter } from './shards';

const dir = mkdtempSync(join(tmpdir(), 'sotaque-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function example(frames: number, seed: number): { features: Float32Array; labels: Uint8Array } {
  const features = new Float32Array(frames * SHARD_BANDS).map((_, i) => Math.sin(seed * 1000 + i) * 20 - 5);
  const labels = new Uint8Array(frames).map((_, i) => (seed * 7 + i) % 40);
  return { features, labels };
}

describe('shards', () => {
  it('round-trips examples bit for bit through the writer, the index and the reader', () => {
    const writer = new ShardWriter(dir, 3);
    const made = [example(17, 1), example(1, 2), example(250, 3)];
    const entries = made.map((m, i) => ({ id: `x#${i}`, shard: 3, frameOffset: writer.append(m.features, m.labels), frames: m.labels.length }));
    expect(existsSync(join(dir, `${shardName(3)}.f32`))).toBe(false);
    writer.commit();
    expect(entries.map((e) => e.frameOffset)).toEqual([0, 17, 18]);
    writeFileSync(join(dir, 'index.jsonl'), entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const index = readIndex(dir);
    expect(index).toEqual(entries);
    index.forEach((entry, i) => {
      const back = readExample(dir, entry);
      expect(back.features).toEqual(made[i].features);
      expect(back.labels).toEqual(made[i].labels);
    });
  });

  it('refuses features whose size does not match the labels', () => {
    const writer = new ShardWriter(dir, 4);
    expect(() => writer.append(new Float32Array(10), new Uint8Array(1))).toThrow(/10 feature values for 1 frames/);
    writer.close();
  });
});

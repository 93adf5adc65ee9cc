import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../dsp/codedError';
import { SPHINX_FE_CONFIG } from '../dsp/sphinxFe';
import { PHONES } from '../model/phones';
import { convertSphinxModel, debianPackageVersion } from '../../training/sphinx/convert';
import { SphinxError } from './errors';
import { ciHmm, ciPhoneId, loadSphinxModel, parseSphinxModel, sphinxAddTable, triphoneHmm } from './sphinxModel';
import { SPHINX_MODEL_DIR } from './node';
import { describeWithSphinx, DEBIAN_SPHINX_MODEL } from './testing';
import { WordPosition, type SphinxModelMetadata } from './types';

const metadata = JSON.parse(readFileSync(join(SPHINX_MODEL_DIR, 'metadata.json'), 'utf8')) as SphinxModelMetadata;
const bin = readFileSync(join(SPHINX_MODEL_DIR, 'model.bin'));
const model = parseSphinxModel({ metadata, bin });

function expectMismatch(change: (m: SphinxModelMetadata) => unknown, what: RegExp): void {
  const broken = structuredClone(metadata) as unknown as Record<string, unknown>;
  change(broken as unknown as SphinxModelMetadata);
  try {
    parseSphinxModel({ metadata: broken, bin });
    expect.unreachable('a mismatch should throw');
  } catch (error) {
    expect(error).toBeInstanceOf(SphinxError);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as SphinxError).code).toBe('SPHINX_MODEL_MISMATCH');
    expect((error as Error).message).toMatch(what);
  }
}

describe('the committed Sphinx model (public/models/sphinx/)', () => {
  it('holds the en-us PTM model: 42 CI phones = the 40 classes + 2 fillers, 5126 senones, 42 × 3 × 128 Gaussians', () => {
    expect(model.ciPhones.length).toBe(42);
    for (const p of PHONES) expect(model.ciPhones).toContain(p);
    expect(metadata.fillers).toEqual(['+NSN+', '+SPN+', 'SIL']);
    expect(metadata.counts).toMatchObject({ senones: 5126, ciSenones: 126, codebooks: 42, streams: 3, densities: 128, streamDims: [13, 13, 13], triphones: 137_053 });
    expect(metadata.frontEnd).toEqual(SPHINX_FE_CONFIG);
    expect(metadata.source.package).toBe('pocketsphinx-en-us');
  });

  it('maps every senone to its CI phone and the CI senones first', () => {
    for (let ci = 0; ci < 42; ci++) {
      for (const s of ciHmm(model, ci).senones) {
        expect(s).toBeLessThan(126);
        expect(model.sen2ci[s]).toBe(ci);
      }
    }
  });

  it('looks triphones up as pocketsphinx does, falling back to the CI phone', () => {
    const [k, ae, t, sil] = ['K', 'AE', 'T', 'SIL'].map((p) => ciPhoneId(model, p));
    const cat = triphoneHmm(model, ae, k, t, WordPosition.internal);
    expect(cat.contextDependent).toBe(true);
    expect(cat.senones.every((s) => model.sen2ci[s] === ae && s >= 126)).toBe(true);
    // A silence has no context; a filler neighbour counts as SIL.
    expect(triphoneHmm(model, sil, k, t, WordPosition.single)).toEqual(ciHmm(model, sil));
    const nsn = ciPhoneId(model, '+NSN+');
    expect(triphoneHmm(model, ae, nsn, t, WordPosition.begin)).toEqual(triphoneHmm(model, ae, sil, t, WordPosition.begin));
  });

  it("builds sphinxbase's 8-bit log-add table (base 1.0001^1024)", () => {
    const table = sphinxAddTable();
    expect(table[0]).toBe(7); // log_b(2)/1024 = 6931.8/1024, rounded
    expect(table[255]).toBe(0);
    for (let i = 1; i < 256; i++) expect(table[i]).toBeLessThanOrEqual(table[i - 1]);
  });

  it('loads through a file reader as through bytes', async () => {
    const loaded = await loadSphinxModel(async (file) => (file === 'model.bin' ? bin : new TextEncoder().encode(JSON.stringify(metadata))));
    expect(loaded.senones).toBe(5126);
  });

  it('refuses a model whose front end, phones, format or size differ, saying what was expected', () => {
    expectMismatch((m) => ((m as { frontEnd: unknown }).frontEnd = { ...SPHINX_FE_CONFIG, lowerFilterHz: 133.3 }), /front-end parameters/);
    expectMismatch((m) => ((m as { ciPhones: unknown }).ciPhones = m.ciPhones.filter((p) => p !== 'ZH')), /40 phone classes/);
    expectMismatch((m) => ((m as { format: unknown }).format = 'something-else'), /format/);
    expectMismatch((m) => ((m as { bin: unknown }).bin = { ...m.bin, byteLength: m.bin.byteLength + 8 }), /size of model.bin/);
    expectMismatch((m) => ((m as { tensors: unknown }).tensors = m.tensors.filter((t) => t.name !== 'sseq')), /tensor "sseq"/);
  });

  it('names an unknown phone', () => {
    expect(() => ciPhoneId(model, 'Q')).toThrow(SphinxError);
  });
});

describeWithSphinx('the Sphinx model converter (training/sphinx/convert.ts)', () => {
  it('reproduces the committed files from the Debian package byte for byte', () => {
    const fresh = convertSphinxModel(DEBIAN_SPHINX_MODEL, debianPackageVersion());
    expect(fresh.metadata.source.version).toBe(metadata.source.version);
    expect(fresh.metadataJson).toBe(readFileSync(join(SPHINX_MODEL_DIR, 'metadata.json'), 'utf8'));
    expect(Buffer.from(fresh.bin).equals(bin)).toBe(true);
    expect(fresh.license).toBe(readFileSync(join(SPHINX_MODEL_DIR, 'LICENSE'), 'utf8'));
  });
});

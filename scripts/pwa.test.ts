import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain Node script without type declarations
import { encodePng, renderIcon } from './make-icons.mjs';
import { cspDirectives, cspString, pwaOptions, securityHeaders, THEME_COLOUR, WAVEFORM_HEIGHT_PX, wavesurferShadowStyle } from './pwa';

describe('Content-Security-Policy', () => {
  it('allows only the app’s own origin, no inline script or eval, and no plugins, forms or framing', () => {
    const d = cspDirectives();
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'self'"]);
    const all = Object.values(d).flat();
    expect(all).not.toContain("'unsafe-inline'");
    expect(all).not.toContain("'unsafe-eval'");
    expect(all.filter((s) => /^https?:/.test(s))).toEqual([]);
    // frame-ancestors only where it works: the header, not the meta.
    expect(cspString(false)).not.toContain('frame-ancestors');
    expect(securityHeaders()['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });

  it('allows wavesurfer’s one <style> by its hash, computed from the installed package', () => {
    const text = wavesurferShadowStyle(WAVEFORM_HEIGHT_PX);
    expect(text).toContain(`min-height: ${WAVEFORM_HEIGHT_PX}px;`);
    expect(text).not.toMatch(/\$\{|\\n/);
    const hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(cspDirectives()['style-src']).toEqual(["'self'", hash]);
  });
});

describe('web app manifest and precache', () => {
  it('is installable: names, standalone, start and scope, theme colour, 192/512/maskable icons', () => {
    const options = pwaOptions();
    const manifest = options.manifest as Record<string, unknown> & { icons: { sizes: string; purpose: string }[] };
    expect(manifest).toMatchObject({ name: 'Sotaque', short_name: 'Sotaque', display: 'standalone', start_url: '/', scope: '/', theme_color: THEME_COLOUR });
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    expect(options.registerType).toBe('prompt');
  });

  it('precaches the shell, the used tfjs wasm, the model and the references', () => {
    const patterns = pwaOptions().workbox!.globPatterns!.join(' ');
    for (const part of ['js', 'css', 'html', 'tfjs/tfjs-backend-wasm-simd.wasm', 'models/phones/*.{json,bin}', 'models/sphinx/*.{json,bin}', 'references/**/*.{json,opus}']) expect(patterns).toContain(part);
  });
});

describe('icons', () => {
  it('writes valid PNGs: signature, size, RGBA rows that inflate to the pixels', () => {
    const pixels = renderIcon(48, { fullBleed: true, scale: 0.8 }) as Uint8Array;
    const png = encodePng(48, pixels) as Buffer;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(48);
    expect(png.readUInt32BE(20)).toBe(48);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(48 * (48 * 4 + 1));
    expect([...raw.subarray(1, 5)]).toEqual([...pixels.subarray(0, 4)]);
  });

  it('maskable: full-bleed background, the bars inside the central safe zone', () => {
    const size = 100;
    const px = renderIcon(size, { fullBleed: true, scale: 0.8 }) as Uint8Array;
    const at = (x: number, y: number) => [...px.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)).toEqual([0x2f, 0x6f, 0x8f, 255]);
    // Light bar pixels only within the 80 % circle around the centre.
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (at(x, y)[0] > 0x80) expect(Math.hypot(x + 0.5 - 50, y + 0.5 - 50)).toBeLessThan(40);
      }
    }
    // The rounded "any" icon leaves its corners transparent.
    expect(renderIcon(size)[3]).toBe(0);
  });
});

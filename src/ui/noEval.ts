/**
 * Imported first by src/main.tsx: zod compiles its parsers with `new Function` when it may, and
 * probes for that on its first parse; the Content-Security-Policy (scripts/pwa.ts) allows no eval, so
 * the probe is a policy violation. `jitless` makes zod interpret its schemas instead (same results).
 */
import { z } from 'zod';

z.config({ jitless: true });

/**
 * Real Statuspage webhook deliveries, kept outside the repository (../shared/data/statuspage-webhooks,
 * with their source), and the comparison of Sitrep's payloads with their key sets, types and nesting.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Real Statuspage deliveries, kept outside the repository (../shared); absent on a fresh clone. */
function fixtureDir(): string | undefined {
  const root = path.resolve(__dirname, '../..');
  for (const up of ['..', '../..']) {
    const dir = path.resolve(root, up, 'shared/data/statuspage-webhooks');
    if (existsSync(path.join(dir, 'incident_update.json'))) return dir;
  }
  return undefined;
}

const dir = fixtureDir();
export const withFixtures = dir ? describe : describe.skip;
if (!dir)
  console.warn(
    '../shared/data/statuspage-webhooks is absent: the comparison with real deliveries is skipped.',
  );

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(dir as string, name), 'utf8'));
}

/**
 * Where `ours` differs from a real delivery in keys, types or nesting. A null in the delivery is a
 * field that may also hold a value (e.g. `monitoring_at`), so a string there matches it; and a time
 * (`…_at`) the delivery has may be null in ours when it has not come yet (`resolved_at` while open).
 */
export function shapeDifferences(real: unknown, ours: unknown, at = '$'): string[] {
  if (real === null)
    return ours === null || typeof ours === 'string' ? [] : [`${at}: ${typeof ours}, not null`];
  if (typeof real === 'string' && ours === null && at.endsWith('_at')) return [];
  if (Array.isArray(real)) {
    if (!Array.isArray(ours)) return [`${at}: not an array`];
    if (real.length === 0) return [];
    return ours.flatMap((item, i) => shapeDifferences(real[0], item, `${at}[${i}]`));
  }
  if (typeof real === 'object') {
    if (typeof ours !== 'object' || ours === null || Array.isArray(ours)) return [`${at}: not an object`];
    const realKeys = Object.keys(real).sort();
    const ourKeys = Object.keys(ours).sort();
    const missing = realKeys.filter((k) => !ourKeys.includes(k)).map((k) => `${at}.${k}: missing`);
    const extra = ourKeys
      .filter((k) => !realKeys.includes(k))
      .map((k) => `${at}.${k}: not in real deliveries`);
    const nested = realKeys
      .filter((k) => ourKeys.includes(k))
      .flatMap((k) =>
        shapeDifferences(
          (real as Record<string, unknown>)[k],
          (ours as Record<string, unknown>)[k],
          `${at}.${k}`,
        ),
      );
    return [...missing, ...extra, ...nested];
  }
  return typeof real === typeof ours ? [] : [`${at}: ${typeof ours}, not ${typeof real}`];
}

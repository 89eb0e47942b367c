/** The bench's results: one Markdown table (SPEC §9 targets against what was measured) and the JSON. */
import type { HerdResult } from './herd-phase';
import type { Summary } from './http-load';
import { type ImportFigures, importRow } from './import-phase';
import type { SubscribersResult } from './subscribers-phase';
import { type UptimeFigures, uptimeRow } from './uptime-phase';

export type DatabaseKind = 'embedded' | 'postgres';
export const exportFormats = ['markdown', 'csv', 'json'] as const;
export type ExportFormatName = (typeof exportFormats)[number];

export interface LoadFigures {
  sent: number;
  latency: Summary;
  errors: number;
  errorKinds: Record<string, number>;
  /** The generator's own lateness, p99 (ms): large values would make the figures meaningless. */
  sendLagP99: number;
  /** CPU time the app's process used during the measured window (s). */
  cpuSeconds: number | null;
  peakRssBytes: number;
  /** Cores other processes kept busy meanwhile (the PostgreSQL server counts among them). */
  foreignCores: number;
}

export interface RunResult {
  database: DatabaseKind;
  /** Spawn → /readyz 200 on an empty data directory (initdb, migrations, catalog). */
  firstStartMs?: number;
  declare?: { roots: Summary; settled: Summary; ack: Summary; peakRssBytes: number };
  update?: { ref: string; done: Summary; ack: Summary; peakRssBytes: number };
  /** `copies`: messages that showed the edited update (incident channel and announce threads). */
  edit?: { ref: string; done: Summary; ack: Summary; copies: number; peakRssBytes: number };
  /** `openIncidents`: what each `/incident list` read and rendered behind its ack. */
  ack?: { sitrep: LoadFigures; delivered: number; expected: number; openIncidents: number };
  seed?: { ms: number; incidents: number; updates: number; notes: number };
  exportRender?: {
    updates: number;
    notes: number;
    loadRecordMs: number;
    formats: Record<ExportFormatName, { medianMs: number; maxMs: number; bytes: number }>;
  };
  exportHttp?:
    | { skipped: string }
    | { formats: Record<ExportFormatName, { latency: Summary; bytes: number }>; peakRssBytes: number };
  bulk?:
    | { skipped: string }
    | {
        incidents: number;
        durationMs: number;
        firstByteMs: number | null;
        bytes: number;
        rows: number;
        exitCode: number | null;
        peakRssBytes: number;
        peakTreeBytes: number;
      };
  cold?: { incidents: number; runs: { readyMs: number; peakRssBytes: number }[]; medianMs: number };
  summary?:
    | { skipped: string }
    | {
        latency: Summary;
        bytes: number;
        components: number;
        incidents: number;
        /** The same requests with the ETag just seen: what a revalidating CDN costs. */
        notModified?: { latency: Summary; all304: boolean };
      };
  uptime?: UptimeFigures;
  herd?: HerdResult;
  subscribers?: SubscribersResult;
  shutdownMs?: number[];
  import?: ImportFigures;
  /** When each phase ran, on the monotonic clock in µs (as `--cpu-prof` timestamps), to slice profiles. */
  windows?: Record<string, [number, number]>;
}

export interface Row {
  what: string;
  target: string;
  measured: string[];
  /** null: nothing to pass (a baseline, a figure without a target, or not measured). */
  pass: (boolean | null)[];
}

const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

function percentiles(s: Summary): string {
  return `p50 ${ms(s.p50)} · p90 ${ms(s.p90)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`;
}

function load(figures: LoadFigures): string {
  const cpu = figures.cpuSeconds === null ? '' : ` · CPU ${figures.cpuSeconds.toFixed(1)} s`;
  const kinds = Object.entries(figures.errorKinds)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  return `${percentiles(figures.latency)} · errors ${figures.errors}/${figures.sent}${kinds ? ` (${kinds})` : ''}${cpu} · peak RSS ${mb(figures.peakRssBytes)} · generator lag p99 ${ms(figures.sendLagP99)} · other processes ${figures.foreignCores.toFixed(2)} cores`;
}

export function buildRows(
  runs: RunResult[],
  bare: LoadFigures | undefined,
  rate: number,
  secs: number,
): Row[] {
  const rows: Row[] = [];
  const each = (
    what: string,
    target: string,
    cell: (run: RunResult) => { text: string; pass: boolean | null } | undefined,
  ) => {
    const cells = runs.map(cell);
    if (cells.every((c) => c === undefined)) return;
    rows.push({
      what,
      target,
      measured: cells.map((c) => c?.text ?? 'not run'),
      pass: cells.map((c) => c?.pass ?? null),
    });
  };

  each(
    `\`/incident list\` ack, Sitrep, ${rate} req/s for ${secs} s (open loop)`,
    'p99 < 50 ms, no errors',
    (r) =>
      r.ack
        ? { text: load(r.ack.sitrep), pass: r.ack.sitrep.latency.p99 < 50 && r.ack.sitrep.errors === 0 }
        : undefined,
  );
  if (bare) {
    rows.push({
      what: `\`/incident list\` ack, bare Bolt (acks only), same load`,
      target: 'baseline',
      measured: runs.map(() => load(bare)),
      pass: runs.map(() => null),
    });
    each('Sitrep / bare Bolt, per percentile', '—', (r) => {
      if (!r.ack) return undefined;
      const s = r.ack.sitrep.latency;
      const b = bare.latency;
      const ratio = (x: number, y: number) => `${(x / Math.max(y, 0.001)).toFixed(1)}×`;
      return {
        text: `p50 ${ratio(s.p50, b.p50)} · p90 ${ratio(s.p90, b.p90)} · p99 ${ratio(s.p99, b.p99)} · max ${ratio(s.max, b.max)}`,
        pass: null,
      };
    });
  }
  each('`/incident list` answers delivered to response_url', 'all', (r) =>
    r.ack
      ? { text: `${r.ack.delivered}/${r.ack.expected}`, pass: r.ack.delivered === r.ack.expected }
      : undefined,
  );
  each('declare submission → root message in 3 announce channels', 'p50 < 250 ms', (r) =>
    r.declare
      ? {
          text: `${percentiles(r.declare.roots)} (n=${r.declare.roots.count}; submission ack p50 ${ms(r.declare.ack.p50)})`,
          pass: r.declare.roots.p50 < 250,
        }
      : undefined,
  );
  each('declare submission → settled (roots, first reply, channel-link edit, everywhere)', '—', (r) =>
    r.declare ? { text: percentiles(r.declare.settled), pass: null } : undefined,
  );
  each('update submission → root edited and reply threaded in 3 channels', '— (no SPEC target)', (r) =>
    r.update
      ? {
          text: `${percentiles(r.update.done)} (n=${r.update.done.count}, all on ${r.update.ref}; ack p50 ${ms(r.update.ack.p50)})`,
          pass: null,
        }
      : undefined,
  );
  each(
    'update edit → every message changed (incident channel, 3 announce replies, 3 roots)',
    'p50 < 500 ms',
    (r) =>
      r.edit
        ? {
            text: `${percentiles(r.edit.done)} (n=${r.edit.done.count} on ${r.edit.ref}, ${r.edit.copies} copies + 3 roots each; ack p50 ${ms(r.edit.ack.p50)})`,
            pass: r.edit.done.p50 < 500,
          }
        : undefined,
  );
  for (const format of exportFormats) {
    each(
      `export of an incident with ${runs[0]?.exportRender?.updates ?? 'N'} updates: renderExport ${format}`,
      '< 150 ms',
      (r) => {
        const f = r.exportRender?.formats[format];
        return f
          ? {
              text: `median ${ms(f.medianMs)} (max ${ms(f.maxMs)}, ${Math.round(f.bytes / 1024)} KB)`,
              pass: f.medianMs < 150,
            }
          : undefined;
      },
    );
  }
  each('… loading that incident (repository loadRecord)', '—', (r) =>
    r.exportRender ? { text: `median ${ms(r.exportRender.loadRecordMs)}`, pass: null } : undefined,
  );
  for (const [format, ext] of [
    ['markdown', 'md'],
    ['csv', 'csv'],
    ['json', 'json'],
  ] as const) {
    each(`… over HTTP: GET /api/incidents/INC-n/export.${ext}`, '< 150 ms', (r) => {
      const http = r.exportHttp;
      if (!http) return undefined;
      if ('skipped' in http) return { text: `skipped: ${http.skipped}`, pass: null };
      const f = http.formats[format];
      return {
        text: `p50 ${ms(f.latency.p50)} · p90 ${ms(f.latency.p90)} · max ${ms(f.latency.max)} (n=${f.latency.count})`,
        pass: f.latency.p50 < 150,
      };
    });
  }
  each(`bulk CSV export (\`npm run export\`)`, 'streams; peak RSS < 250 MB', (r) => {
    const b = r.bulk;
    if (!b) return undefined;
    if ('skipped' in b) return { text: `skipped: ${b.skipped}`, pass: null };
    const streams = b.firstByteMs !== null && b.firstByteMs < b.durationMs * 0.5;
    return {
      text: `${b.incidents} incidents, ${b.rows} rows, ${mb(b.bytes)} in ${seconds(b.durationMs)}; first byte at ${b.firstByteMs === null ? '—' : seconds(b.firstByteMs)}; peak RSS ${mb(b.peakRssBytes)} (exporter process; npm + tsx tree ${mb(b.peakTreeBytes)}); exit ${b.exitCode}`,
      pass: b.exitCode === 0 && streams && b.peakRssBytes < 250 * 1024 * 1024,
    };
  });
  each('`GET /api/v2/summary.json` (SPEC: 500 components, 10,000 past incidents)', 'p99 < 30 ms', (r) => {
    const s = r.summary;
    if (!s) return undefined;
    if ('skipped' in s) return { text: `skipped: ${s.skipped}`, pass: null };
    return {
      text: `${percentiles(s.latency)} (n=${s.latency.count}; ${s.components} components, ${s.incidents} incidents, ${Math.round(s.bytes / 1024)} KB)`,
      pass: s.latency.p99 < 30,
    };
  });
  each('… the same with `If-None-Match` (SPEC §16)', '304s, p50 < 5 ms', (r) => {
    const s = r.summary;
    if (!s || 'skipped' in s || !s.notModified) return undefined;
    return {
      text: `${percentiles(s.notModified.latency)}${s.notModified.all304 ? ' (all 304)' : ' (not all 304)'}`,
      pass: s.notModified.all304 && s.notModified.latency.p50 < 5,
    };
  });
  each(uptimeRow.what, uptimeRow.target, (r) => uptimeRow.cell(r.uptime));
  herdRows(each);
  subscriberRows(each);
  each(importRow.what, importRow.target, (r) => importRow.cell(r.import));
  each('cold start to `/readyz` with existing data', '< 3 s', (r) =>
    r.cold
      ? {
          text: `median ${seconds(r.cold.medianMs)} of ${r.cold.runs.map((c) => seconds(c.readyMs)).join(', ')} (${r.cold.incidents} incidents; RSS at ready ${mb(Math.max(...r.cold.runs.map((c) => c.peakRssBytes)))})`,
          pass: r.cold.medianMs < 3000,
        }
      : undefined,
  );
  each('first start on an empty database (migrations, catalog sync) to `/readyz`', '—', (r) =>
    r.firstStartMs === undefined ? undefined : { text: seconds(r.firstStartMs), pass: null },
  );
  each('Sitrep peak RSS by phase', '—', (r) => {
    const parts = [
      r.declare ? `declare ${mb(r.declare.peakRssBytes)}` : null,
      r.update ? `update ${mb(r.update.peakRssBytes)}` : null,
      r.edit ? `edit ${mb(r.edit.peakRssBytes)}` : null,
      r.ack ? `ack ${mb(r.ack.sitrep.peakRssBytes)}` : null,
      r.exportHttp && !('skipped' in r.exportHttp) ? `export ${mb(r.exportHttp.peakRssBytes)}` : null,
    ].filter(Boolean);
    return parts.length > 0 ? { text: parts.join(' · '), pass: null } : undefined;
  });
  return rows;
}

type Each = (
  what: string,
  target: string,
  cell: (run: RunResult) => { text: string; pass: boolean | null } | undefined,
) => void;

/** SPEC §16: 1,000 webhook subscribers and one public update. */
function subscriberRows(each: Each): void {
  each('subscribers: one public update to 1,000 webhooks, all delivered', '< 60 s', (r) => {
    const s = r.subscribers;
    if (!s) return undefined;
    const time =
      s.allDeliveredMs === null
        ? `not all within 120 s (${s.delivered} of ${s.subscribers})`
        : ms(s.allDeliveredMs);
    return {
      text: `${time}; ${s.componentDeliveries} component deliveries besides`,
      pass: s.allDeliveredMs !== null && s.allDeliveredMs < 60_000,
    };
  });
  each('subscribers: `/incident list` ack without deliveries (same run)', 'baseline', (r) =>
    r.subscribers ? { text: load(r.subscribers.alone), pass: null } : undefined,
  );
  each('subscribers: `/incident list` ack while they go out', 'p99 ≤ 2× (or +10 ms) the baseline', (r) => {
    const s = r.subscribers;
    if (!s) return undefined;
    const alone = s.alone.latency.p99;
    const during = s.whileDelivering.latency.p99;
    return {
      text: load(s.whileDelivering),
      pass: during <= Math.max(2 * alone, alone + 10) && s.whileDelivering.errors === 0,
    };
  });
}

/** SPEC §16: acks with and without the herd in one run, and how the public side answered it. */
function herdRows(each: Each): void {
  each('herd: `/incident list` ack without the public load (same run)', 'baseline', (r) =>
    r.herd ? { text: load(r.herd.alone), pass: null } : undefined,
  );
  each(
    'herd: `/incident list` ack while the public routes are offered the herd',
    'p99 < 50 ms and ≤ 2× (or ≤ +10 ms) the baseline, no errors',
    (r) => {
      if (!r.herd) return undefined;
      const alone = r.herd.alone.latency.p99;
      const withHerd = r.herd.withHerd.latency.p99;
      const allowed = Math.max(2 * alone, alone + 10);
      return {
        text: load(r.herd.withHerd),
        pass: withHerd < 50 && withHerd <= allowed && r.herd.withHerd.errors === 0,
      };
    },
  );
  each('herd: public answers', '2,000 req/s answered, 200/304/429 only', (r) => {
    const h = r.herd;
    if (!h) return undefined;
    const statuses = Object.entries(h.herd.byStatus)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    const errors = Object.entries(h.herd.errors)
      .map(([kind, n]) => `${kind}: ${n}`)
      .join(', ');
    const onlyExpected = Object.keys(h.herd.byStatus).every((s) => ['200', '304', '429'].includes(s));
    return {
      text: `offered ${h.plan.ratePerSecond}/s from ${h.plan.addresses} addresses over ${h.plan.paths} paths, half conditional; answered ${Math.round(h.herd.achievedRate)}/s (${statuses}${errors ? `; errors ${errors}` : ''}); latency ${percentiles(h.herd.latency)}; generator lag p99 ${ms(h.herd.sendLagP99)}`,
      pass: onlyExpected && errors === '' && h.herd.achievedRate >= 0.95 * h.plan.ratePerSecond,
    };
  });
}

export function markdownTable(rows: Row[], runs: DatabaseKind[]): string {
  const label: Record<DatabaseKind, string> = {
    embedded: 'embedded (PGlite)',
    postgres: 'PostgreSQL 127.0.0.1',
  };
  const head = ['what', 'target (SPEC §9)', ...runs.flatMap((r) => [`measured, ${label[r]}`, 'pass'])];
  const verdict = (p: boolean | null) => (p === null ? '' : p ? 'pass' : '**FAIL**');
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(
      (row) =>
        `| ${[
          cell(row.what),
          cell(row.target),
          ...row.measured.flatMap((m, i) => [cell(m), verdict(row.pass[i] ?? null)]),
        ].join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}

import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { parseIncidentRef } from '../incidents/naming';
import type { Logger } from '../logger';
import { parseMaintenanceRef } from '../maintenance/reference';
import type { PublicChanges, StatusReader } from '../status/status-reader';
import { type PublicAnswer, type PublicRequest, PublicSite, type PublicSiteOptions } from './public-site';

/** A rendered public body with what conditional requests compare. */
export interface CachedAnswer {
  status: PublicAnswer['status'];
  contentType: string;
  body: Buffer;
  /** Strong: a hash of the body, so equal bodies (on any replica) have equal tags. */
  etag: string;
  /** The latest public change, to the second; null when nothing public exists yet. */
  lastModified: Date | null;
  /**
   * The same body gzipped once when it was rendered, for the clients that accept it (browsers, CDNs):
   * a herd costs the network a tenth and no request compresses anything. Null for short bodies.
   */
  gzip: { body: Buffer; etag: string } | null;
}

export interface PublicCacheOptions extends PublicSiteOptions {
  changes: PublicChanges;
  log: Logger;
  /** How often to look for other replicas' changes; 0: never (a single process owns the data). */
  pollMs: number;
  maxEntries?: number;
}

interface Entry {
  generation: number;
  /** Bodies tell durations in whole minutes, so none outlives the minute it was rendered in. */
  expiresAt: number;
  answer?: CachedAnswer;
  pending?: Promise<CachedAnswer>;
}

const MINUTE_MS = 60_000;
/** Below this, gzip saves less than the header costs. */
const GZIP_MIN_BYTES = 1_024;
const gzipAsync = promisify(gzip);

/**
 * Rendered public bodies and the reads behind them, in memory. A committed change in this process
 * drops them at once (`invalidate`); one on another replica is seen by the version check every
 * `pollMs`. Concurrent requests for one body share its render, and a re-render within the same data
 * (the minute moved on) reuses the reads, so a herd costs one set of queries per change.
 */
export class PublicCache {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly reads = new Map<string, Promise<unknown>>();
  private readonly site: PublicSite;
  private readonly maxEntries: number;
  private lastModified: { generation: number; read: Promise<Date | null> } | undefined;
  private version: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private failing = false;

  constructor(private readonly options: PublicCacheOptions) {
    this.maxEntries = options.maxEntries ?? 1_000;
    this.site = new PublicSite({ ...options, reader: this.memoized(options.reader) });
  }

  /** The cached answer when it is current, else a render (shared with concurrent callers). */
  answer(request: PublicRequest): CachedAnswer | Promise<CachedAnswer> {
    const key = cacheKey(request);
    const now = this.options.clock.now().getTime();
    const entry = this.entries.get(key);
    if (entry && entry.generation === this.generation && now < entry.expiresAt) {
      if (entry.answer) return entry.answer;
      if (entry.pending) return entry.pending;
    }
    const fresh: Entry = {
      generation: this.generation,
      expiresAt: (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS,
    };
    fresh.pending = this.render(request, fresh.generation).then(
      (answer) => {
        fresh.answer = answer;
        fresh.pending = undefined;
        return answer;
      },
      (error: unknown) => {
        if (this.entries.get(key) === fresh) this.entries.delete(key);
        throw error;
      },
    );
    remember(this.entries, key, fresh, this.maxEntries);
    return fresh.pending;
  }

  /** Public data may have changed: every body is read and rendered again on its next request. */
  invalidate(): void {
    this.generation++;
    this.reads.clear();
  }

  /** Starts the version check that sees other replicas' changes (when `pollMs` > 0). */
  start(): void {
    if (this.options.pollMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.options.pollMs);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const version = await this.options.changes.version();
      if (this.version !== undefined && version !== this.version) this.invalidate();
      this.version = version;
      if (this.failing) this.options.log.info('public cache: the version check works again');
      this.failing = false;
    } catch (error) {
      // The cached bodies stay served: a stale page beats no page while the database is away.
      if (!this.failing) {
        this.options.log.warn('public cache: the version check failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      this.failing = true;
    } finally {
      this.polling = false;
    }
  }

  private async render(request: PublicRequest, generation: number): Promise<CachedAnswer> {
    if (this.lastModified?.generation !== generation) {
      const read = Promise.all([
        this.options.changes.lastPublicChange(),
        this.options.maintenances.lastChangeAt(),
      ]).then((times) => latest(times));
      this.lastModified = { generation, read };
      read.catch(() => {
        if (this.lastModified?.read === read) this.lastModified = undefined;
      });
    }
    const [answer, lastModified] = await Promise.all([this.site.render(request), this.lastModified.read]);
    const body = Buffer.from(answer.body);
    const tag = createHash('sha256').update(body).digest('base64url').slice(0, 32);
    // zlib runs on libuv's threads: compressing a large page leaves the event loop to the acks.
    const compressed = body.length >= GZIP_MIN_BYTES ? await gzipAsync(body) : null;
    return {
      status: answer.status,
      contentType: answer.contentType,
      body,
      etag: `"${tag}"`,
      lastModified: lastModified && new Date(Math.floor(lastModified.getTime() / 1000) * 1000),
      gzip: compressed && { body: compressed, etag: `"${tag}-gzip"` },
    };
  }

  /** The reader, each call shared until the next invalidation (a failed one is forgotten). */
  private memoized(reader: StatusReader): StatusReader {
    const memo = <K extends keyof StatusReader>(name: K): StatusReader[K] => {
      const read = reader[name] as (...args: unknown[]) => Promise<unknown>;
      return ((...args: unknown[]) => {
        const key = `${name}:${JSON.stringify(args)}`;
        const known = this.reads.get(key);
        if (known) return known;
        const fresh = read.apply(reader, args);
        remember(this.reads, key, fresh, this.maxEntries);
        fresh.catch(() => {
          if (this.reads.get(key) === fresh) this.reads.delete(key);
        });
        return fresh;
      }) as StatusReader[K];
    };
    return {
      listComponents: memo('listComponents'),
      openIncidents: memo('openIncidents'),
      recentIncidents: memo('recentIncidents'),
      incidentsStartedSince: memo('incidentsStartedSince'),
      findIncident: memo('findIncident'),
      recentUpdates: memo('recentUpdates'),
      lastResolvedAt: memo('lastResolvedAt'),
      incidentTimelinesSince: memo('incidentTimelinesSince'),
      componentsAffectedBefore: memo('componentsAffectedBefore'),
      incidentHeaders: memo('incidentHeaders'),
      countIncidents: memo('countIncidents'),
    };
  }
}

function latest(times: (Date | null)[]): Date | null {
  const known = times.filter((t): t is Date => t !== null);
  return known.length === 0 ? null : new Date(Math.max(...known.map((t) => t.getTime())));
}

/** Insert as the newest; past `max` entries the oldest goes. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

/**
 * Requests that give the same body share a key: a malformed reference gives the same 404 as any other.
 * Any other request is keyed by all it holds, so a new kind of page cannot share a key by mistake.
 */
function cacheKey(request: PublicRequest): string {
  switch (request.page) {
    case 'incident':
      return `incident:${parseIncidentRef(request.ref) ?? '-'}`;
    case 'maintenance':
      return `maintenance:${parseMaintenanceRef(request.ref) ?? '-'}`;
    default:
      return JSON.stringify(request);
  }
}

/** Reading Web API requests the way Slack does: form, JSON or multipart bodies, JSON-in-form fields. */
import type http from 'node:http';
import { type Params, SlackApiError, type SlackBlock } from './types';

/** Fields the Web API client sends as JSON strings inside a form body. */
const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
  'file_uploads',
]);

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function required(params: Params, key: string, error = 'invalid_arguments'): string {
  const value = str(params, key);
  if (value === undefined || value === '') throw new SlackApiError(error, { detail: `missing ${key}` });
  return value;
}

export function bool(params: Params, key: string): boolean | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function int(params: Params, key: string): number | undefined {
  const value = str(params, key);
  if (value === undefined || value === '') return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}

/** A comma-separated list parameter (`users=U1,U2`). */
export function list(params: Params, key: string): string[] {
  return (str(params, key) ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

export function pad(n: number, width = 10): string {
  return String(n).padStart(width, '0');
}

export function compareTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  const secs = Number(as) - Number(bs);
  if (secs !== 0) return secs;
  const fa = af.padEnd(6, '0');
  const fb = bf.padEnd(6, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

export function asBlocks(value: unknown): SlackBlock[] | undefined {
  return Array.isArray(value) ? (value as SlackBlock[]) : undefined;
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function parseForm(text: string): Params {
  const params: Params = {};
  for (const [key, value] of new URLSearchParams(text)) params[key] = value;
  return params;
}

function decodeJsonFields(params: Params): Params {
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (JSON_FIELDS.has(key) && typeof value === 'string' && value !== '') {
      try {
        params[key] = JSON.parse(value);
      } catch {
        // Left as the string: the method answers invalid_blocks / invalid_arguments.
      }
    }
  }
  return params;
}

export interface ParsedRequest {
  params: Params;
  /** The first binary part of a multipart body, or the raw body otherwise. */
  bytes: Buffer;
}

export async function parseRequest(req: http.IncomingMessage, url: URL): Promise<ParsedRequest> {
  const raw = await readBody(req);
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const params: Params = {};
  for (const [key, value] of url.searchParams) params[key] = value;
  let bytes = raw;
  if (contentType.startsWith('application/json')) {
    const parsed: unknown = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
    if (isObject(parsed)) Object.assign(params, parsed);
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, parseForm(raw.toString('utf8')));
  } else if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
    let firstBinary: Buffer | undefined;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        params[key] = value;
      } else {
        const buffer = Buffer.from(await value.arrayBuffer());
        firstBinary ??= buffer;
        params[key] = { filename: value.name, length: buffer.length };
      }
    }
    bytes = firstBinary ?? Buffer.alloc(0);
  }
  return { params: decodeJsonFields(params), bytes };
}

export function bearer(req: http.IncomingMessage, params: Params): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return str(params, 'token');
}

export function summarize(value: unknown, max = 160): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

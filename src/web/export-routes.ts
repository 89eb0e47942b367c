import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { renderExport } from '../export/render-export';
import type { IncidentRecord } from '../incidents/model';
import { type ExportExtension, parseIncidentRef } from '../incidents/naming';
import type { Clock, ExportFormat } from '../incidents/ports';
import { type Router, sendJson, sendText } from './http-server';

export interface ExportRecordSource {
  findRecordByNumber(number: number): Promise<IncidentRecord | null>;
}

export interface ExportRoutesOptions {
  reader: ExportRecordSource;
  /** `EXPORT_API_TOKEN`; unset: the export API answers 404 to everyone. */
  exportApiToken: string | undefined;
  orgName: string;
  timeZone: string;
  clock: Clock;
}

const formatsByExtension: Record<ExportExtension, ExportFormat> = {
  md: 'markdown',
  csv: 'csv',
  json: 'json',
};

const exportFile = /^export\.([^/]*)$/;

/** `GET /api/incidents/INC-n/export.{md,csv,json}` behind `Authorization: Bearer $EXPORT_API_TOKEN` (SPEC §7). */
export function addExportRoutes(router: Router, options: ExportRoutesOptions): void {
  const { reader, exportApiToken, orgName, timeZone, clock } = options;
  const expected = exportApiToken ? digest(exportApiToken) : null;

  router.get('/api/incidents/:ref/:file', async (req, res, params) => {
    const file = exportFile.exec(params.file ?? '');
    if (!expected || !file) return sendJson(res, 404, { error: 'not found' });

    const token = bearerToken(req);
    if (token === null || !timingSafeEqual(digest(token), expected)) {
      return sendJson(
        res,
        401,
        {
          error:
            token === null
              ? 'missing bearer token: send Authorization: Bearer <EXPORT_API_TOKEN>'
              : 'wrong bearer token',
        },
        {
          'www-authenticate':
            token === null ? 'Bearer realm="sitrep"' : 'Bearer realm="sitrep", error="invalid_token"',
        },
      );
    }

    const extension = file[1] ?? '';
    const format = Object.hasOwn(formatsByExtension, extension)
      ? formatsByExtension[extension as ExportExtension]
      : undefined;
    if (!format) {
      return sendJson(res, 400, {
        error: `unknown export format "${extension}": use export.md, export.csv or export.json`,
      });
    }

    const ref = params.ref ?? '';
    const number = parseIncidentRef(ref);
    const record = number === null ? null : await reader.findRecordByNumber(number);
    if (!record) return sendJson(res, 404, { error: `no incident ${ref}` });

    const rendered = renderExport(record, format, { orgName, timeZone, now: clock.now() });
    return sendText(res, 200, rendered.content, rendered.contentType, {
      'content-disposition': `attachment; filename="${rendered.fileName}"`,
      // Exports carry internal notes and names: no shared cache may keep them.
      'cache-control': 'no-store',
    });
  });
}

/** The token of `Authorization: Bearer <token>` (the scheme is case-insensitive), or null. */
function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** Equal-length digests, so comparing them in constant time reveals neither content nor length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

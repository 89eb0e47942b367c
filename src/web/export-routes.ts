import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ExportReader } from '../export/export-reader';
import { renderExport } from '../export/render-export';
import { incidentRef } from '../incidents/model';
import { type ExportExtension, isStorableIncidentNumber, parseIncidentRef } from '../incidents/naming';
import type { Clock } from '../incidents/ports';
import { addLogFields } from '../logger';
import type { ExportFormat } from '../outbox/effects';
import { getRoute } from './routing';

export interface ExportRoutesOptions {
  reader: Pick<ExportReader, 'findRecordByNumber'>;
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
export function addExportRoutes(app: FastifyInstance, options: ExportRoutesOptions): void {
  const { reader, exportApiToken, orgName, timeZone, clock } = options;
  const expected = exportApiToken ? digest(exportApiToken) : null;

  getRoute(app, '/api/incidents/:ref/:file', async (request, reply) => {
    const params = request.params as { ref: string; file: string };
    const number = parseIncidentRef(params.ref);
    if (number !== null) addLogFields({ incident: incidentRef({ number }) });
    const file = exportFile.exec(params.file);
    if (!expected || !file) return reply.code(404).send({ error: 'not found' });

    const token = bearerToken(request.headers.authorization);
    if (token === null || !timingSafeEqual(digest(token), expected)) {
      return reply
        .code(401)
        .header(
          'www-authenticate',
          token === null ? 'Bearer realm="sitrep"' : 'Bearer realm="sitrep", error="invalid_token"',
        )
        .send({
          error:
            token === null
              ? 'missing bearer token: send Authorization: Bearer <EXPORT_API_TOKEN>'
              : 'wrong bearer token',
        });
    }

    const extension = file[1] ?? '';
    const format = Object.hasOwn(formatsByExtension, extension)
      ? formatsByExtension[extension as ExportExtension]
      : undefined;
    if (!format) {
      return reply.code(400).send({
        error: `unknown export format "${extension}": use export.md, export.csv or export.json`,
      });
    }

    const record =
      number === null || !isStorableIncidentNumber(number) ? null : await reader.findRecordByNumber(number);
    if (!record) return reply.code(404).send({ error: `no incident ${params.ref}` });

    const rendered = renderExport(record, format, { orgName, timeZone, now: clock.now() });
    return (
      reply
        .type(rendered.contentType)
        .header('content-disposition', `attachment; filename="${rendered.fileName}"`)
        // Exports carry internal notes and names: no shared cache may keep them.
        .header('cache-control', 'no-store')
        .send(rendered.content)
    );
  });
}

/** The token of `Authorization: Bearer <token>` (the scheme is case-insensitive), or null. */
function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** Equal-length digests, so comparing them in constant time reveals neither content nor length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

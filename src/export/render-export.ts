import type { IncidentRecord } from '../incidents/model';
import { exportFileName } from '../incidents/naming';
import type { ExportFormat } from '../outbox/effects';
import type { ExportOptions } from './common';
import { renderCsv } from './csv';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';

export interface RenderedExport {
  fileName: string;
  content: string;
  contentType: string;
}

/** One incident's timeline as a file (SPEC §6): `INC-<n>-<slug>.md|csv|json`. */
export function renderExport(
  record: IncidentRecord,
  format: ExportFormat,
  options: ExportOptions,
): RenderedExport {
  switch (format) {
    case 'markdown':
      return {
        fileName: exportFileName(record, 'md'),
        content: renderMarkdown(record, options),
        contentType: 'text/markdown; charset=utf-8',
      };
    case 'csv':
      return {
        fileName: exportFileName(record, 'csv'),
        content: renderCsv(record),
        contentType: 'text/csv; charset=utf-8',
      };
    case 'json':
      return {
        fileName: exportFileName(record, 'json'),
        content: renderJson(record),
        contentType: 'application/json; charset=utf-8',
      };
  }
}

import type { Incident } from './model';

/** Slack's limit for channel names. */
export const MAX_CHANNEL_NAME_LENGTH = 80;

// Letters that Unicode decomposition leaves alone.
const foldedLetters: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** Lowercase a–z, 0–9 and single dashes, accents folded; `incident` when nothing is left. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => foldedLetters[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'incident';
}

/**
 * Cuts `name` to `max` characters at a word boundary, unless that would throw away more than half of
 * it (one very long word); never leaves a trailing dash.
 */
function truncateName(name: string, max: number): string {
  if (name.length <= max) return name;
  const cut = name.slice(0, max);
  const atBoundary = name[max] === '-';
  const lastDash = cut.lastIndexOf('-');
  const trimmed = atBoundary || lastDash < max / 2 ? cut : cut.slice(0, lastDash);
  return trimmed.replace(/-+$/, '');
}

/** `<prefix>-<n>-<slug>` (`inc-1-degraded-performance-across-vero-platform`), at most 80 characters. */
export function incidentChannelName(prefix: string, number: number, title: string): string {
  const base = `${slugify(prefix)}-${number}`;
  return truncateName(`${base}-${slugify(title)}`, MAX_CHANNEL_NAME_LENGTH);
}

/**
 * The name to try after Slack answered `name_taken`: attempt 0 is the name itself, attempt n adds
 * `-<n + 1>` (so the first retry is `…-2`), shortening the name to stay within 80 characters.
 */
export function withNameSuffix(name: string, attempt: number): string {
  if (attempt <= 0) return name;
  const suffix = `-${attempt + 1}`;
  return `${truncateName(name, MAX_CHANNEL_NAME_LENGTH - suffix.length)}${suffix}`;
}

/** Incident numbers are stored in a 32-bit column: a larger reference names no incident. */
export const MAX_INCIDENT_NUMBER = 2_147_483_647;

export function isStorableIncidentNumber(number: number): boolean {
  return Number.isSafeInteger(number) && number >= 1 && number <= MAX_INCIDENT_NUMBER;
}

const incidentRefPattern = /^(?:inc-|#)?(\d{1,15})$/i;

/** `INC-42`, `inc-42`, `#42` or `42` → 42; anything else → null. */
export function parseIncidentRef(text: string): number | null {
  const match = incidentRefPattern.exec(text.trim());
  if (!match?.[1]) return null;
  const number = Number(match[1]);
  return number >= 1 ? number : null;
}

export type ExportExtension = 'md' | 'csv' | 'json';

/** `INC-1-<slug>.<ext>`, the slug cut as in the channel name. */
export function exportFileName(incident: Pick<Incident, 'number' | 'title'>, ext: ExportExtension): string {
  return `${truncateName(`INC-${incident.number}-${slugify(incident.title)}`, MAX_CHANNEL_NAME_LENGTH)}.${ext}`;
}

import { isIP } from 'node:net';
import { z } from 'zod';
import type { MailSender } from './config';
import { impacts } from './incidents/vocabulary';

/** The value parsers of the configuration schema (SPEC §3): ids, lists, booleans, mail and time zones. */

export const channelId = /^[CG][A-Z0-9]{2,}$/;
export const userId = /^[UW][A-Z0-9]{2,}$/;

export const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const idList = (pattern: RegExp, what: string) =>
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      const ids = text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      for (const id of ids) {
        if (!pattern.test(id)) ctx.addIssue({ code: 'custom', message: `"${id}" is not a Slack ${what} ID` });
      }
      return ids;
    });

export const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const reminderMinutes = z
  .string()
  .default('critical=15,major=30,minor=60')
  .transform((text, ctx) => {
    // Impacts left out keep their default; 0 turns reminders off for one.
    const result: Partial<Record<(typeof impacts)[number], number>> = { critical: 15, major: 30, minor: 60 };
    for (const part of text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^(none|minor|major|critical)=(\d+)$/.exec(part);
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          message: `"${part}" is not <impact>=<minutes> (impacts: ${impacts.join(', ')})`,
        });
        continue;
      }
      result[match[1] as (typeof impacts)[number]] = Number(match[2]);
    }
    return result;
  });

export function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const mailAddress = z.email();

/** `status@example.com` or `Example Status <status@example.com>` (the name may be quoted). */
export function parseSender(text: string): MailSender | undefined {
  const trimmed = text.trim();
  const named = /^(.*?)\s*<([^<>\s]+)>$/.exec(trimmed);
  const name = named ? (named[1] as string).replace(/^"(.*)"$/, '$1').trim() : '';
  const address = named ? (named[2] as string) : trimmed;
  if (/[\r\n<>]/.test(name) || !mailAddress.safeParse(address).success) return undefined;
  return name === '' ? { address } : { name, address };
}

/** Without MAIL_FROM: the organisation's name at `status@` the status page's host. */
export function defaultSender(orgName: string, publicBaseUrl: string): MailSender {
  const host = new URL(publicBaseUrl).hostname;
  const domain = isIP(host.replace(/^\[(.*)\]$/, '$1')) === 0 && host !== '' ? host : 'localhost';
  return { name: orgName, address: `status@${domain}` };
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

import { parseIncidentRef } from '../incidents/naming';

/** `/incident` grammar (SPEC §5.1). Unknown input parses to `help` with the reason. */
export type IncidentCommand =
  | { name: 'declare'; title: string }
  | { name: 'record' }
  | { name: 'update'; ref: number | null }
  | { name: 'resolve'; ref: number | null }
  | { name: 'edit'; ref: number | null }
  | { name: 'list' }
  | { name: 'show'; ref: number }
  | { name: 'export'; ref: number; format: 'markdown' | 'csv' | 'json' }
  | { name: 'lead'; ref: number | null; userId: string }
  | { name: 'components' }
  | { name: 'maintenance' }
  | { name: 'maintenance_list' }
  | { name: 'subscribers' }
  | { name: 'help'; problem: string | null };

const formats: Record<string, 'markdown' | 'csv' | 'json'> = {
  markdown: 'markdown',
  md: 'markdown',
  csv: 'csv',
  json: 'json',
};

const mention = /^<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>$/;

/** What the person typed, short enough to echo back (Slack caps a section at 3,000 characters). */
function echo(arg: string | undefined): string {
  const text = (arg ?? '').replace(/[`\p{Cc}]/gu, '');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function parseIncidentCommand(text: string): IncidentCommand {
  const trimmed = text.trim();
  if (trimmed === '') return { name: 'declare', title: '' };
  const [verbRaw = '', ...rest] = trimmed.split(/\s+/);
  const verb = verbRaw.toLowerCase();
  const args = rest;
  const help = (problem: string): IncidentCommand => ({ name: 'help', problem });

  switch (verb) {
    case 'declare':
      return { name: 'declare', title: trimmed.slice(verbRaw.length).trim() };
    case 'update':
    case 'resolve':
    case 'edit': {
      if (args.length > 1) return help(`\`${verb}\` takes at most one incident reference.`);
      if (args.length === 0) return { name: verb, ref: null };
      const ref = parseIncidentRef(args[0] ?? '');
      return ref === null
        ? help(`"${echo(args[0])}" is not an incident reference (try INC-42).`)
        : { name: verb, ref };
    }
    case 'list':
      return args.length === 0 ? { name: 'list' } : help('`list` takes no arguments.');
    case 'record':
      return args.length === 0
        ? { name: 'record' }
        : help('`record` takes no arguments: the form asks for the rest.');
    case 'maintenance':
      if (args.length === 0) return { name: 'maintenance' };
      return args.length === 1 && args[0]?.toLowerCase() === 'list'
        ? { name: 'maintenance_list' }
        : help('Usage: `/incident maintenance` to schedule one, `/incident maintenance list` to see them.');
    case 'components':
      return args.length === 0 ? { name: 'components' } : help('`components` takes no arguments.');
    case 'subscribers':
      return args.length === 0 ? { name: 'subscribers' } : help('`subscribers` takes no arguments.');
    case 'show': {
      const ref = args.length === 1 ? parseIncidentRef(args[0] ?? '') : null;
      return ref === null ? help('Usage: `/incident show INC-42`.') : { name: 'show', ref };
    }
    case 'export': {
      if (args.length < 1 || args.length > 2)
        return help('Usage: `/incident export INC-42 [markdown|csv|json]`.');
      const ref = parseIncidentRef(args[0] ?? '');
      if (ref === null) return help(`"${echo(args[0])}" is not an incident reference (try INC-42).`);
      const format = args[1] === undefined ? 'markdown' : formats[args[1].toLowerCase()];
      if (!format) return help(`"${echo(args[1])}" is not an export format: use markdown, csv or json.`);
      return { name: 'export', ref, format };
    }
    case 'lead': {
      const who = args[args.length - 1];
      const userId = who ? mention.exec(who)?.[1] : undefined;
      if (!userId || args.length > 2) return help('Usage: `/incident lead [INC-42] @someone`.');
      if (args.length === 1) return { name: 'lead', ref: null, userId };
      const ref = parseIncidentRef(args[0] ?? '');
      return ref === null
        ? help(`"${echo(args[0])}" is not an incident reference (try INC-42).`)
        : { name: 'lead', ref, userId };
    }
    case 'help':
      return { name: 'help', problem: null };
    default:
      return help(`\`${echo(verbRaw)}\` is not something I know.`);
  }
}

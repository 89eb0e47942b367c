import type { KnownBlock } from '@slack/types';
import { COMMAND } from '../ids';
import { clip } from './format';

const usage = [
  [`${COMMAND}`, 'declare an incident (opens a form)'],
  [`${COMMAND} declare [title]`, 'declare an incident with the title filled in'],
  [`${COMMAND} update [INC-n]`, 'post a stage update (the reference may be left out in an incident channel)'],
  [`${COMMAND} resolve [INC-n]`, 'resolve an incident'],
  [`${COMMAND} record`, 'enter an incident that is already over, for the record (no channel, no pings)'],
  [`${COMMAND} list`, 'open incidents'],
  [`${COMMAND} show INC-n`, 'one incident with its latest update'],
  [`${COMMAND} edit [INC-n]`, "correct the incident's title, start or detection (an update: its ⋯ menu)"],
  [`${COMMAND} export INC-n [markdown|csv|json]`, 'the timeline as a file, sent to your DMs'],
  [`${COMMAND} lead [INC-n] @someone`, 'hand the lead role over'],
  [`${COMMAND} components`, 'the component catalog with current statuses'],
  [`${COMMAND} maintenance`, 'schedule a maintenance (opens a form)'],
  [`${COMMAND} maintenance list`, 'upcoming and active maintenances'],
  [`${COMMAND} subscribers`, 'add or remove webhook subscribers (managers only)'],
  [`${COMMAND} help`, 'this help'],
] as const;

/** Usage, optionally headed by what was wrong with the command. */
export function helpMessage(problem: string | null): { text: string; blocks: KnownBlock[] } {
  const lines = usage.map(([cmd, what]) => `\`${cmd}\` — ${what}`).join('\n');
  const intro = problem
    ? `${problem} Here is what \`${COMMAND}\` understands:`
    : `*How to use \`${COMMAND}\`*`;
  return {
    text: `${intro}\n${lines}\nReferences accept INC-42, inc-42, #42 and 42.`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(intro) } },
      { type: 'section', text: { type: 'mrkdwn', text: lines } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'References accept `INC-42`, `inc-42`, `#42` and `42`.' }],
      },
    ],
  };
}

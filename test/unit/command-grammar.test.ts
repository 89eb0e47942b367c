import { parseIncidentCommand } from '../../src/slack/command-grammar';

describe('parseIncidentCommand', () => {
  it('opens the declare modal on empty input, with a title after declare', () => {
    expect(parseIncidentCommand('')).toEqual({ name: 'declare', title: '' });
    expect(parseIncidentCommand('   ')).toEqual({ name: 'declare', title: '' });
    expect(parseIncidentCommand('declare Checkout  is slow')).toEqual({
      name: 'declare',
      title: 'Checkout  is slow',
    });
    expect(parseIncidentCommand('DECLARE x')).toEqual({ name: 'declare', title: 'x' });
  });

  it.each(['INC-42', 'inc-42', '#42', '42'])('accepts the reference %s', (ref) => {
    expect(parseIncidentCommand(`update ${ref}`)).toEqual({ name: 'update', ref: 42 });
    expect(parseIncidentCommand(`resolve ${ref}`)).toEqual({ name: 'resolve', ref: 42 });
    expect(parseIncidentCommand(`show ${ref}`)).toEqual({ name: 'show', ref: 42 });
  });

  it('lets update, resolve and lead leave the reference out', () => {
    expect(parseIncidentCommand('update')).toEqual({ name: 'update', ref: null });
    expect(parseIncidentCommand('resolve')).toEqual({ name: 'resolve', ref: null });
    expect(parseIncidentCommand('lead <@U0123ABC>')).toEqual({ name: 'lead', ref: null, userId: 'U0123ABC' });
    expect(parseIncidentCommand('lead INC-3 <@U0123ABC|alice>')).toEqual({
      name: 'lead',
      ref: 3,
      userId: 'U0123ABC',
    });
  });

  it('exports as Markdown unless told otherwise', () => {
    expect(parseIncidentCommand('export INC-1')).toEqual({ name: 'export', ref: 1, format: 'markdown' });
    expect(parseIncidentCommand('export 1 csv')).toEqual({ name: 'export', ref: 1, format: 'csv' });
    expect(parseIncidentCommand('export 1 JSON')).toEqual({ name: 'export', ref: 1, format: 'json' });
    expect(parseIncidentCommand('export 1 md')).toEqual({ name: 'export', ref: 1, format: 'markdown' });
  });

  it('knows list, components, subscribers and help', () => {
    expect(parseIncidentCommand('list')).toEqual({ name: 'list' });
    expect(parseIncidentCommand('components')).toEqual({ name: 'components' });
    expect(parseIncidentCommand('Subscribers')).toEqual({ name: 'subscribers' });
    expect(parseIncidentCommand('subscribers add')).toEqual({
      name: 'help',
      problem: '`subscribers` takes no arguments.',
    });
    expect(parseIncidentCommand('help')).toEqual({ name: 'help', problem: null });
  });

  it.each([
    ['frobnicate', '`frobnicate` is not something I know.'],
    ['update INC-x', '"INC-x" is not an incident reference (try INC-42).'],
    ['update 1 2', '`update` takes at most one incident reference.'],
    ['show', 'Usage: `/incident show INC-42`.'],
    ['export', 'Usage: `/incident export INC-42 [markdown|csv|json]`.'],
    ['export 1 pdf', '"pdf" is not an export format: use markdown, csv or json.'],
    ['lead bob', 'Usage: `/incident lead [INC-42] @someone`.'],
    ['list all', '`list` takes no arguments.'],
  ])('turns %p into help that names the problem', (text, problem) => {
    expect(parseIncidentCommand(text)).toEqual({ name: 'help', problem });
  });

  it('echoes at most 40 characters of what was typed, without backticks or control characters', () => {
    const long = 'x'.repeat(10_000);
    expect(parseIncidentCommand(long)).toEqual({
      name: 'help',
      problem: `\`${'x'.repeat(40)}…\` is not something I know.`,
    });
    expect(parseIncidentCommand('show `a\u0000b`')).toEqual({
      name: 'help',
      problem: 'Usage: `/incident show INC-42`.',
    });
    expect(parseIncidentCommand('update `a\u0000b`')).toEqual({
      name: 'help',
      problem: '"ab" is not an incident reference (try INC-42).',
    });
  });

  it('accepts references beyond the stored range, which then name no incident', () => {
    expect(parseIncidentCommand('show INC-2147483648')).toEqual({ name: 'show', ref: 2147483648 });
  });
});

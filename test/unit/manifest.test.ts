import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

const repoRoot = join(__dirname, '..', '..');

interface SlashCommand {
  command: string;
  url?: string;
  description: string;
  usage_hint?: string;
  should_escape?: boolean;
}

interface Manifest {
  _metadata?: { major_version?: number };
  display_information: { name: string; description?: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: SlashCommand[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const manifest = parse(readFileSync(join(repoRoot, 'manifest.yml'), 'utf8')) as Manifest;
const botScopes = manifest.oauth_config.scopes.bot;

/** The bot scopes each Slack Web API method needs (Slack's method reference); [] for none. */
const scopesByMethod: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.setTopic': ['channels:manage'],
  'conversations.setPurpose': ['channels:manage'],
  'conversations.rename': ['channels:manage'],
  'conversations.archive': ['channels:manage'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  'conversations.join': ['channels:join'],
  'conversations.info': ['channels:read'],
  'conversations.list': ['channels:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.open': ['im:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'files.uploadV2': ['files:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'users.info': ['users:read'],
  'users.profile.get': ['users:read'],
  'pins.add': ['pins:write'],
  'pins.remove': ['pins:write'],
  'pins.list': ['pins:read'],
  'reactions.get': ['reactions:read'],
  'bookmarks.add': ['bookmarks:write'],
  'bookmarks.edit': ['bookmarks:write'],
  'bookmarks.list': ['bookmarks:read'],
  'views.open': [],
  'views.push': [],
  'views.update': [],
  'views.publish': [],
};

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every Web API method the Slack adapter calls, e.g. `client.chat.postMessage(` or `apiCall('pins.add'`. */
function webApiMethodsCalled(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of typeScriptFiles(join(repoRoot, 'src', 'slack'))) {
    const text = readFileSync(file, 'utf8');
    const calls = [
      ...text.matchAll(/\bclient\s*\.\s*((?:[a-zA-Z]+\s*\.\s*)+[a-zA-Z0-9]+)\s*\(/g),
      ...text.matchAll(/\bapiCall\(\s*['"]([a-zA-Z.]+)['"]/g),
    ];
    for (const [, method = ''] of calls) {
      const name = method.replace(/\s/g, '');
      if (name !== 'apiCall' && !found.has(name)) found.set(name, relative(repoRoot, file));
    }
  }
  return found;
}

describe('manifest.yml', () => {
  it('is a version 1 manifest whose names Slack accepts', () => {
    expect(manifest._metadata?.major_version).toBe(1);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect((manifest.display_information.description ?? '').length).toBeLessThanOrEqual(140);
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  it('declares /incident, unescaped, with a description and a usage hint', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: '/incident',
        url: 'https://sitrep.example.com/slack/events',
        should_escape: false,
      }),
    ]);
    const [incident] = manifest.features.slash_commands;
    expect(incident?.description).toBeTruthy();
    expect(incident?.usage_hint).toBeTruthy();
    expect(incident?.usage_hint?.length).toBeLessThanOrEqual(1000);
  });

  it('subscribes to the events Sitrep listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'pin_added',
      'reaction_added',
    ]);
  });

  it('turns interactivity on (modals and buttons)', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('sends commands, interactivity and events to POST /slack/events', () => {
    expect(manifest.settings.interactivity.request_url).toBe('https://sitrep.example.com/slack/events');
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://sitrep.example.com/slack/events');
  });

  it('has an App Home tab and a bot user that is always online', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.features.bot_user.always_online).toBe(true);
  });

  it('runs in Socket Mode without org-wide deployment or token rotation', () => {
    expect(manifest.settings).toMatchObject({
      socket_mode_enabled: true,
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    });
  });

  it.each([
    ['/incident', 'commands'],
    ['chat.postMessage', 'chat:write'],
    ['posting in public channels the bot has not joined', 'chat:write.public'],
    ['conversations.create', 'channels:manage'],
    ['conversations.invite (public channels)', 'channels:manage'],
    ['conversations.invite (private channels)', 'groups:write'],
    ['conversations.join', 'channels:join'],
    ['conversations.create (private incident channels)', 'groups:write'],
    ['conversations.members (who may see a private incident)', 'groups:read'],
    ['files.uploadV2', 'files:write'],
    ['conversations.open', 'im:write'],
    ['users.info', 'users:read'],
    ['pin_added', 'pins:read'],
    ['reaction_added', 'reactions:read'],
    ['conversations.history', 'channels:history'],
  ])('grants the scope %s needs (%s)', (_what, scope) => {
    expect(botScopes).toContain(scope);
  });

  it('grants the scopes of every Web API method the code calls', () => {
    const called = webApiMethodsCalled();
    expect(called.size).toBeGreaterThan(0);
    const unknown = [...called].filter(([method]) => !(method in scopesByMethod));
    // A method missing from the table above: look up its scopes, add it there and to manifest.yml.
    expect(unknown).toEqual([]);
    const missing = [...called].flatMap(([method, file]) =>
      (scopesByMethod[method] ?? [])
        .filter((scope) => !botScopes.includes(scope))
        .map((scope) => `${scope} for ${method} in ${file}`),
    );
    expect(missing).toEqual([]);
  });

  it('lists each scope once', () => {
    expect(new Set(botScopes).size).toBe(botScopes.length);
  });
});

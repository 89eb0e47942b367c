import { checkView } from '../limits';
import { viewJson } from '../render';
import { SlackApiError } from '../types';
import { required, str } from '../wire';
import type { Method } from '../workspace';

export const viewMethods: Record<string, Method> = {
  'views.open': (ws, p) => {
    const triggerId = required(p, 'trigger_id', 'invalid_trigger_id');
    ws.checkTrigger(triggerId);
    const view = checkView(p.view, 'modal');
    const { user } = ws.consumeTrigger(triggerId);
    const id = ws.ids.id('V');
    const hash = ws.ids.hash();
    ws.views.set(id, {
      id,
      method: 'views.open',
      trigger_id: triggerId,
      user,
      history: [view],
      hash,
      root_view_id: id,
      previous_view_id: undefined,
    });
    return { view: viewJson(ws, id, view, hash) };
  },

  'views.push': (ws, p) => {
    const triggerId = required(p, 'trigger_id', 'invalid_trigger_id');
    ws.checkTrigger(triggerId);
    const view = checkView(p.view, 'modal');
    const { user } = ws.consumeTrigger(triggerId);
    const views = [...ws.views.values()];
    const previous = views.filter((v) => v.user === user).pop() ?? views.pop();
    const id = ws.ids.id('V');
    const hash = ws.ids.hash();
    const root = previous?.root_view_id ?? id;
    ws.views.set(id, {
      id,
      method: 'views.push',
      trigger_id: triggerId,
      user,
      history: [view],
      hash,
      root_view_id: root,
      previous_view_id: previous?.id,
    });
    return {
      view: viewJson(ws, id, view, hash, { root_view_id: root, previous_view_id: previous?.id ?? null }),
    };
  },

  'views.update': (ws, p) => {
    const viewId = str(p, 'view_id');
    const externalId = str(p, 'external_id');
    if (!viewId && !externalId)
      throw new SlackApiError('invalid_arguments', { detail: 'view_id or external_id' });
    const state = viewId
      ? ws.views.get(viewId)
      : [...ws.views.values()].find((v) => v.history[v.history.length - 1]?.external_id === externalId);
    if (!state) throw new SlackApiError('not_found');
    const hash = str(p, 'hash');
    if (hash && hash !== state.hash) throw new SlackApiError('hash_conflict');
    const view = checkView(p.view, 'modal');
    state.history.push(view);
    state.hash = ws.ids.hash();
    return {
      view: viewJson(ws, state.id, view, state.hash, {
        root_view_id: state.root_view_id,
        previous_view_id: state.previous_view_id ?? null,
      }),
    };
  },

  'views.publish': (ws, p) => {
    const user = required(p, 'user_id', 'invalid_arguments');
    const view = checkView(p.view, 'home');
    const history = ws.homes.get(user) ?? [];
    const current = history[history.length - 1];
    const hash = str(p, 'hash');
    if (hash && current && hash !== current.hash) throw new SlackApiError('hash_conflict');
    const id = ws.homeIds.get(user) ?? ws.ids.id('V');
    ws.homeIds.set(user, id);
    const newHash = ws.ids.hash();
    history.push({ id, user, view, hash: newHash, time: Date.now() });
    ws.homes.set(user, history);
    return { view: viewJson(ws, id, view, newHash) };
  },
};

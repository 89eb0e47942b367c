import type { Metrics, SlackCallOutcome } from './metrics';

type Fetch = typeof globalThis.fetch;

/**
 * The `fetch` the Slack Web API client is given: it counts every call by method and outcome. Slack
 * answers most errors as HTTP 200 with `{ ok: false }`, so the outcome needs a look at the body.
 */
export function countingFetch(metrics: Metrics, apiUrl: string, inner: Fetch = globalThis.fetch): Fetch {
  const base = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // Uploads go to a URL Slack hands out, outside the API; one label keeps them countable.
    const method = url.startsWith(base)
      ? url.slice(base.length).split(/[?#/]/)[0] || 'unknown'
      : 'file_upload';
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      metrics.slackApiCalls.inc({ method, outcome: 'error' });
      throw error;
    }
    metrics.slackApiCalls.inc({ method, outcome: await outcomeOf(response, method) });
    return response;
  };
}

async function outcomeOf(response: Response, method: string): Promise<SlackCallOutcome> {
  if (response.status === 429) return '429';
  if (!response.ok) return 'error';
  if (method === 'file_upload') return 'ok';
  try {
    const body = (await response.clone().json()) as { ok?: unknown };
    return body.ok === true ? 'ok' : 'error';
  } catch {
    return 'error';
  }
}

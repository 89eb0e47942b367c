const mrkdwnEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Slack's three control characters, so user text such as `<!channel>` renders literally and pings nobody. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (character) => mrkdwnEntities[character] ?? character);
}

import { escapeMrkdwn } from '../../src/incidents/escape';

describe('escapeMrkdwn', () => {
  it('renders <!channel> literally so it pings nobody', () => {
    expect(escapeMrkdwn('Down <!channel> <@U123> <https://x.test|click>')).toBe(
      'Down &lt;!channel&gt; &lt;@U123&gt; &lt;https://x.test|click&gt;',
    );
  });

  it('escapes the ampersand first, so entities show as typed', () => {
    expect(escapeMrkdwn('R&D &lt;')).toBe('R&amp;D &amp;lt;');
  });

  it('leaves everything else alone', () => {
    expect(escapeMrkdwn('*bold* _it_ 🔥 "quoted"')).toBe('*bold* _it_ 🔥 "quoted"');
  });
});

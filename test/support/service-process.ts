import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { SIGNING_SECRET } from './test-app';

const root = resolve(__dirname, '../..');

export interface ServiceProcess {
  child: ChildProcess;
  /** The service's base URL, once it logged that it listens. */
  url: Promise<string>;
  /** Everything it wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | NodeJS.Signals>;
}

/** Sitrep in a child process, as an operator runs it: `npm start` or `node --import tsx src/main.ts`. */
export function startServiceProcess(how: 'npm start' | 'node', env: Record<string, string>): ServiceProcess {
  const [command, args] =
    how === 'npm start'
      ? ['npm', ['start', '--silent']]
      : [process.execPath, ['--import', 'tsx', 'src/main.ts']];
  const child = spawn(command, args as string[], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      ORG_NAME: 'Vero',
      COMPONENTS_FILE: resolve(root, 'components.example.yml'),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let found: (url: string) => void = () => {};
  const url = new Promise<string>((resolveUrl) => {
    found = resolveUrl;
  });
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(text);
    if (match?.[1]) found(match[1]);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | NodeJS.Signals>((done) =>
    child.on('exit', (code, signal) => done(code ?? signal ?? -1)),
  );
  return { child, url, output: () => text, exited };
}

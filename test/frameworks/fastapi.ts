// POST /connect/v1/onboarding/entities on FastAPI + pydantic 1 + uvicorn from Debian's packages (bookworm: FastAPI
// 0.92, pydantic 1.10, uvicorn 0.17 on h11), a Python runtime with its own JSON reader: big integers exact, NaN and
// Infinity read as floats, strings coerced from numbers. The app is ./fastapi_app.py; this starts it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureDebian, sh } from '../setup/debian.ts';
import { TOKEN } from './onboarding.ts';
import type { RunningFramework } from './running.ts';

/** `default`: FastAPI's tutorial set-up; `strict`: what the spec's contract needs besides (see fastapi_app.py). */
export type FastapiConfig = 'default' | 'strict';

/** Debian's interpreter, not whatever `python3` is first on the PATH (pyenv's has no Debian packages). */
export const PYTHON = '/usr/bin/python3';
const APP = fileURLToPath(new URL('./fastapi_app.py', import.meta.url));
const PACKAGES = ['python3-fastapi', 'python3-uvicorn'];

/** Installs Debian's FastAPI stack when it is missing (the app is written for pydantic 1, as bookworm ships it). */
export async function ensureFastapi(): Promise<void> {
  const probe = 'import fastapi, uvicorn, pydantic; assert pydantic.VERSION.startswith("1.")';
  await ensureDebian(
    `the FastAPI provider needs ${PYTHON} with FastAPI, uvicorn and pydantic 1`,
    PACKAGES,
    async () => (await sh(PYTHON, ['-c', probe])).code === 0,
  );
}

/** Starts the FastAPI provider on 127.0.0.1 at a free port (the app binds it and prints it). */
export async function startFastapi(config: FastapiConfig): Promise<RunningFramework> {
  const child = spawn(PYTHON, [APP, config, TOKEN], {
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([once(lines, 'line'), exited.then(() => [undefined])])) as [string?];
  const port = Number(first);
  if (!Number.isInteger(port) || port <= 0) {
    child.kill('SIGKILL');
    throw new Error(`fastapi_app.py ${config} did not start:\n${stderr}`);
  }
  return {
    url: `http://127.0.0.1:${port}/connect`,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

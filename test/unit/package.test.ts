import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SPEC, BUNDLED_SPEC_NAME, PACKAGE_ROOT, recordedSpecPath, specFile } from '../../src/package.ts';
import { repeatCommand } from '../../src/report/repeat.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { fixtureReport } from './report/fixture.ts';

describe('recordedSpecPath', () => {
  it.each([
    [
      'the bundled spec outside the folder (an Action install under RUNNER_TEMP): its package name',
      BUNDLED_SPEC,
      '/home/runner/work/api',
      BUNDLED_SPEC_NAME,
    ],
    ['the bundled spec below the folder: relative', BUNDLED_SPEC, PACKAGE_ROOT, join('spec', 'openapi.yaml')],
    [
      'another spec outside the folder: as it is',
      '/srv/specs/openapi.yaml',
      '/home/runner/work/api',
      '/srv/specs/openapi.yaml',
    ],
    [
      'another spec below the folder: relative',
      '/home/runner/work/api/my specs/openapi.yaml',
      '/home/runner/work/api',
      'my specs/openapi.yaml',
    ],
  ])('%s', (_, file, cwd, recorded) => {
    expect(recordedSpecPath(file, cwd)).toBe(recorded);
  });

  it('names the bundled spec by the package, and reads that name back as the installed spec', async () => {
    expect(BUNDLED_SPEC_NAME).toBe('connect-onboarding-conformance/spec/openapi.yaml');
    expect(specFile(BUNDLED_SPEC_NAME)).toBe(BUNDLED_SPEC);
    expect(specFile('api/openapi.yaml')).toBe('api/openapi.yaml');
    // A report that records the name replays: the spec loads, the name kept, the same bytes.
    const byName = await loadSpec(BUNDLED_SPEC_NAME);
    expect(byName.path).toBe(BUNDLED_SPEC_NAME);
    expect(byName.sha256).toBe((await loadSpec(BUNDLED_SPEC)).sha256);
    // …and its repeat line needs no --spec, as for the bundled spec anywhere.
    const r = fixtureReport();
    expect(repeatCommand({ ...r, spec: { ...r.spec, path: BUNDLED_SPEC_NAME } })).not.toContain('--spec');
  });
});

// The unique-id check remembers ids compactly: a uuid by its 16 bytes, whatever its letter case.
import { describe, expect, it } from 'vitest';
import { idKey } from '../../../src/checks/echo.ts';

describe('idKey', () => {
  it('keeps a uuid as 16 bytes behind a tag, the same for either letter case', () => {
    const key = idKey('9B2E0C1D-0000-4000-8000-00000000000A');
    expect(key).toHaveLength(17);
    expect(key).toBe(idKey('9b2e0c1d-0000-4000-8000-00000000000a'));
    expect(key).not.toBe(idKey('9b2e0c1d-0000-4000-8000-00000000000b'));
  });
  it('keeps any other id lower-cased, never equal to a uuid key', () => {
    expect(idKey('Order-42')).toBe('xorder-42');
    expect(idKey('urn:uuid:9b2e0c1d-0000-4000-8000-00000000000a')).toMatch(/^x/);
  });
});

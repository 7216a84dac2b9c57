import type { LoadedSpec } from '../spec/load.ts';
import { startPrism } from './prism.ts';
import type { Target } from './types.ts';
import { urlTarget } from './url.ts';

export { MOCK_TOKEN, TargetError, tokenFor, type Target } from './types.ts';

/** `prism` starts the embedded mock; anything else is a provider's base URL. */
export async function startTarget(spec: LoadedSpec, target: string): Promise<Target> {
  return target === 'prism' ? startPrism(spec) : urlTarget(target);
}

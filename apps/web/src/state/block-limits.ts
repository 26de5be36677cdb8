import { useMemo } from 'react';
import type { LonLatBox } from '@mpm/geo';
import { useServerData } from './server-store.ts';

/** What the server refuses before it measures, as `/api/config` tells the browser: the county's extent and minimum block area. */
export interface BlockLimits {
  county: LonLatBox | null;
  minBlockAreaM2: number;
}

/** The block limits of `/api/config` (none while it is loading), the same object while they hold. */
export function useBlockLimits(): BlockLimits {
  const county = useServerData((s) => s.config?.bounds ?? null);
  const minBlockAreaM2 = useServerData((s) => s.config?.minBlockAreaM2 ?? 0);
  return useMemo(() => ({ county, minBlockAreaM2 }), [county, minBlockAreaM2]);
}

/**
 * The last two practice timings, taken where only the UI can see them: when an assessed result has
 * been rendered, the next animation frame records `sotaque:render` (result committed → that frame)
 * and `sotaque:stop-to-verdict` (stop requested → that frame). See src/assess/timing.ts.
 */
import { useEffect } from 'react';
import { COMMIT_MARK, measureStage, STOP_MARK, STOP_TO_VERDICT } from '../assess';

/** Records the paint timings once per result (`result` is the committed result object, or null). */
export function usePaintTiming(result: object | null): void {
  useEffect(() => {
    if (!result) return;
    const id = requestAnimationFrame(() => {
      const commit = performance.getEntriesByName(COMMIT_MARK, 'mark').at(-1);
      const stop = performance.getEntriesByName(STOP_MARK, 'mark').at(-1);
      if (!commit || !stop) return;
      const end = measureStage('render', commit.startTime);
      performance.measure(STOP_TO_VERDICT, { start: stop.startTime, end });
    });
    return () => cancelAnimationFrame(id);
  }, [result]);
}

/** An element's rendered size in whole CSS pixels, followed as it changes (a ResizeObserver). */
import { useEffect, useState, type RefObject } from 'react';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Null until measured (and where there is no ResizeObserver, e.g. rendering on a server). */
export function useSize(ref: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver !== 'function') return undefined;
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (rect === undefined || rect.width <= 0) return;
      // Whole pixels: sub-pixel jitter must not lay anything out again.
      const next = { width: Math.round(rect.width), height: Math.round(rect.height) };
      setSize((old) =>
        old && old.width === next.width && old.height === next.height ? old : next,
      );
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** The value of a session-storage request item, followed live (the background sets it on a menu click). */
export function useSessionRequest<T>(item: WxtStorageItem<T | null, Record<string, unknown>>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let disposed = false;
    void item.getValue().then((v) => {
      if (!disposed) setValue(v);
    });
    const unwatch = item.watch((v) => setValue(v));
    return () => {
      disposed = true;
      unwatch();
    };
  }, [item]);
  return value;
}

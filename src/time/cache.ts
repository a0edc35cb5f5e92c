/** A bounded memo for compiled formats (strftime, strptime): cleared when full. */
export function boundedMemo<T>(make: (key: string) => T, max = 1000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = make(key);
      if (cache.size >= max) cache.clear();
      cache.set(key, v);
    }
    return v;
  };
}

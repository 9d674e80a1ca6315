/**
 * Calls load(signal) now and then every intervalMs after the previous call ended, so that a slow gateway never has
 * two reads of one page in flight. Returns a stop function, which also aborts the read in flight.
 */
export function poll(intervalMs, load) {
  let stopped = false;
  let timer;
  let controller;
  const tick = async () => {
    controller = new AbortController();
    try {
      await load(controller.signal);
    } catch (e) {
      if (e.name !== 'AbortError') {
        console.error(e);
      }
    }
    if (!stopped) {
      timer = setTimeout(tick, intervalMs);
    }
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller?.abort();
  };
}

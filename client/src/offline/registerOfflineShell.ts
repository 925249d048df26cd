/**
 * Registers the service worker that keeps the app shell for offline reloads.
 * Browsers only allow it in a secure context (HTTPS or localhost); on plain
 * HTTP at a LAN address the board still works offline, but a reload needs
 * the network.
 */
export function registerOfflineShell(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return
  navigator.serviceWorker.register('/sw.js').then(
    (registration) => {
      const worker = registration.active ?? registration.waiting ?? registration.installing
      const loaded = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => url.startsWith(window.location.origin))
      const send = (target: ServiceWorker): void =>
        target.postMessage({ type: 'cache-urls', shell: window.location.pathname, urls: loaded })
      if (worker?.state === 'activated') send(worker)
      else void navigator.serviceWorker.ready.then((ready) => ready.active && send(ready.active))
    },
    (error: unknown) => console.warn('Ideenschmiede: offline reloads are not available', error),
  )
}

/**
 * Whether this page can have the service worker that serves the app shell to
 * a reload without network. Browsers allow one only in a secure context
 * (HTTPS or localhost). On plain HTTP at a LAN address the board still works
 * offline, but a reload while offline ends on the browser's error page: the
 * offline banner says so. Online, such a reload stays light, since the hashed
 * files come from the HTTP cache (see server/http/serveClient.ts).
 */
export function canReloadOffline(): boolean {
  return 'serviceWorker' in navigator && window.isSecureContext
}

/** Registers the service worker that keeps the app shell for offline reloads, where the browser allows one. */
export function registerOfflineShell(): void {
  if (!canReloadOffline()) return
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

/* global self, caches, fetch, URL */
// The app shell for a participant whose Wi-Fi dropped: a reload while offline
// still opens the board, which then loads its content from IndexedDB.
// Hashed build files never change, so they are served from the cache first;
// pages and the client config are fetched fresh and fall back to the cache.
const CACHE = 'ideenschmiede-shell-v1'
const SHELL_KEY = '/index.html'
const CONFIG_PATH = '/api/client-config'

self.addEventListener('install', () => {
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  )
})

// The page reports what it loaded before this worker took control, so the first visit is cached too.
self.addEventListener('message', (event) => {
  const data = event.data
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all([
        refresh(cache, data.shell, SHELL_KEY),
        refresh(cache, CONFIG_PATH, CONFIG_PATH),
        ...data.urls
          .filter((url) => typeof url === 'string' && isCacheFirst(new URL(url, self.location.origin)))
          .map((url) => cache.match(url).then((hit) => hit || cache.add(url))),
      ]),
    ),
  )
})

async function refresh(cache, url, key) {
  if (typeof url !== 'string') return
  const response = await fetch(url)
  if (response.ok) await cache.put(key, response)
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL_KEY))
  } else if (url.pathname === CONFIG_PATH) {
    event.respondWith(networkFirst(request, url.pathname))
  } else if (isCacheFirst(url)) {
    event.respondWith(cacheFirst(request))
  }
})

function isCacheFirst(url) {
  return url.pathname.startsWith('/assets/') || /^\/api\/boards\/[^/]+\/assets\/[0-9a-f]{64}\.\w+$/.test(url.pathname)
}

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (response.ok) await cache.put(key, response.clone())
    return response
  } catch (error) {
    const cached = await cache.match(key)
    if (cached) return cached
    throw error
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

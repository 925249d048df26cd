/** The board route's chunk (tldraw and the board code); one import for rendering and for prefetching. */
export function loadBoardPage(): Promise<typeof import('./BoardPage.tsx')> {
  return import('./BoardPage.tsx')
}

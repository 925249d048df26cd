/** The overview wall: every board of the event as a live thumbnail. */
export const overviewDe = {
  'overview.title': 'Alle Boards auf einen Blick',
  'overview.empty': 'Noch keine Boards. Leg oben eins an.',
  'overview.open': '{title} öffnen',
  'overview.toProjector': 'Groß auf den Beamer',
} as const

export const overviewEn: Record<keyof typeof overviewDe, string> = {
  'overview.title': 'All boards at a glance',
  'overview.empty': 'No boards yet. Create one above.',
  'overview.open': 'Open {title}',
  'overview.toProjector': 'Show large on the projector',
}

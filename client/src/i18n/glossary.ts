/**
 * The words of a workshop day, said one way on every screen (UX.md's
 * glossary). German screens use `say`; the words in `avoid` are what tldraw,
 * other tools or English habit would put there instead, and a test keeps
 * them out of every German string we show.
 */
export const GLOSSARY = [
  { say: 'Alle folgen mir', avoid: ['Spotlight'] },
  { say: 'Gegenseitige Kontakte', avoid: ['Match', 'Matches'] },
  { say: 'Haftnotiz', avoid: ['Sticky', 'Hinweis'] },
  { say: 'Board', avoid: ['Tafel'] },
  { say: 'Abstimmung mit Punkten', avoid: ['Dot voting', 'Dots'] },
  { say: 'Gruppenboards', avoid: ['Breakout', 'Breakouts'] },
  { say: 'Übersicht', avoid: ['Overview wall'] },
  { say: 'Stil', avoid: ['Styles'] },
] as const

/** The German words we put over tldraw's own where its German says otherwise or stayed English. */
export const TLDRAW_GERMAN: Record<string, string> = {
  'tool.note': 'Haftnotiz',
  'style-panel.title': 'Stil',
  'style-panel.dash': 'Linienart',
  'style-panel.spline': 'Linienform',
  'fill-style.semi': 'Halb gefüllt',
  'tool.laser': 'Laserpointer',
  'tool.rich-text-highlight': 'Hervorheben',
  'tool-panel.title': 'Werkzeuge',
  'shortcuts-dialog.tools': 'Werkzeuge',
  'action.select-zoom-tool': 'Zoomen',
  'comments.link-copied': 'Link kopiert',
}

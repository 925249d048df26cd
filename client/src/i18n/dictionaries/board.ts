/** The board screen's strings: canvas, connection, identity, photos, license. */
export const boardDe = {
  'app.name': 'Ideenschmiede',
  'board.loading': 'Board wird geladen …',
  'board.firstPageName': 'Seite 1',
  'board.notFound.title': 'Diese Seite gibt es nicht',
  'board.notFound.body': 'Öffne ein Board über den Link oder den QR-Code der Moderation.',
  'connection.online': 'Verbunden',
  'connection.connecting': 'Verbinde …',
  'connection.offline': 'Offline – deine Änderungen werden gesendet, sobald du wieder verbunden bist',
  'connection.offlineShort': 'Offline',
  'connection.refused': 'Kein Zugang zu diesem Board. Frag die Moderation nach einem neuen Link.',
  'board.readonly.newerSchema':
    'Dieses Board wurde mit einer neueren Version der Ideenschmiede bearbeitet. Du kannst es ansehen, aber nicht ändern. Lade die Seite neu; hilft das nicht, sag der Moderation Bescheid.',
  'identity.title': 'Wie sollen dich die anderen sehen?',
  'identity.name': 'Dein Name',
  'identity.namePlaceholder': 'z. B. Anna',
  'identity.color': 'Deine Farbe',
  'identity.colorOption': 'Farbe {color}',
  'identity.submit': 'Los geht’s',
  'language.label': 'Sprache',
  'language.switchTo': 'English',
  'photo.take': 'Foto',
  'photo.takeLabel': 'Foto aufnehmen oder Bild hochladen',
  'photo.failed': 'Das Bild konnte nicht hochgeladen werden. Versuch es noch einmal.',
  'license.title': 'Für diesen Server fehlt der tldraw-Lizenzschlüssel',
  'license.body':
    'Die Ideenschmiede läuft hier über HTTPS unter einer öffentlichen Adresse. Dafür verlangt tldraw, die Zeichenfläche, einen Lizenzschlüssel. Ohne ihn bliebe das Board nach ein paar Sekunden leer.',
  'license.action':
    'Wer den Server betreibt: Setz die Umgebungsvariable TLDRAW_LICENSE_KEY und starte den Server neu. Im lokalen Netz über http:// geht es auch ohne Schlüssel.',
  'config.failed': 'Der Server ist gerade nicht erreichbar. Lade die Seite gleich noch einmal.',
} as const

export const boardEn: Record<keyof typeof boardDe, string> = {
  'app.name': 'Ideenschmiede',
  'board.loading': 'Loading the board …',
  'board.firstPageName': 'Page 1',
  'board.notFound.title': 'This page does not exist',
  'board.notFound.body': 'Open a board with the link or the QR code from the facilitators.',
  'connection.online': 'Connected',
  'connection.connecting': 'Connecting …',
  'connection.offline': 'Offline – your changes will be sent as soon as you are connected again',
  'connection.offlineShort': 'Offline',
  'connection.refused': 'No access to this board. Ask the facilitators for a new link.',
  'board.readonly.newerSchema':
    'This board was edited with a newer version of Ideenschmiede. You can look at it but not change it. Reload the page; if that does not help, tell the facilitators.',
  'identity.title': 'How should the others see you?',
  'identity.name': 'Your name',
  'identity.namePlaceholder': 'e.g. Anna',
  'identity.color': 'Your colour',
  'identity.colorOption': 'Colour {color}',
  'identity.submit': 'Let’s go',
  'language.label': 'Language',
  'language.switchTo': 'Deutsch',
  'photo.take': 'Photo',
  'photo.takeLabel': 'Take a photo or upload a picture',
  'photo.failed': 'The picture could not be uploaded. Please try again.',
  'license.title': 'This server is missing its tldraw license key',
  'license.body':
    'Ideenschmiede is served over HTTPS at a public address here. tldraw, the drawing canvas, requires a license key for that. Without it the board would go blank after a few seconds.',
  'license.action':
    'Whoever runs the server: set the environment variable TLDRAW_LICENSE_KEY and restart the server. On a local network over http:// it works without a key.',
  'config.failed': 'The server cannot be reached right now. Reload the page in a moment.',
}

/** The privacy page; German path, as people read it aloud and type it. */
export const PRIVACY_PATH = '/datenschutz'
/** Set when the page opens right after a person deleted their data. */
export const DELETED_PARAM = 'geloescht'
